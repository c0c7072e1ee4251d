import type { FastifyInstance } from 'fastify';
import { demoCitizens } from '../server/demo/seed.js';
import { Client, samplePdf } from './app.js';

/**
 * Runs a no-criminal-record case (public security, Ed25519) through intake and approval, as the
 * citizen, `ga.clerk` and `ga.approver` would, and returns the citizen's certificate as they see it.
 */
export async function issueNoCriminalRecordLicence(app: FastifyInstance) {
  const citizen = new Client(app);
  await citizen.login(demoCitizens[1]!.phone);
  const item = (await citizen.get('/api/catalog/items?q=无犯罪')).json().items[0];
  const upload = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
  const receipt = (await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] })).json();
  const clerk = new Client(app);
  await clerk.login('ga.clerk');
  await clerk.post(`/api/cases/${receipt.id}/accept`, {});
  const approver = new Client(app);
  await approver.login('ga.approver');
  const done = (await approver.post(`/api/cases/${receipt.id}/approve`, { opinion: '经查询，未发现犯罪记录。' })).json();
  const licence = (await citizen.get(`/api/licences/${done.licence.id}`)).json();
  return { citizen, approver, licence, code: licence.verifyUrl.split('/verify/')[1] as string };
}
