/**
 * The public origin the documents' QR links point to, set by the composition root from PUBLIC_URL
 * (never a request's Host header). A document keeps the link it was issued with.
 */
let origin: () => string = () => 'http://127.0.0.1:3000';

export function setDocumentOrigin(publicOrigin: () => string) {
  origin = publicOrigin;
}

export const documentOrigin = () => origin().replace(/\/+$/, '');
