/** fontkit ships no types; the documents only hand a parsed font to pdfkit. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
