import type { Tx } from '../../db/client.js';
import { addWindow, addWindowGroup, createHall } from '../../modules/cases/index.js';

/** The demo hall's public code: its waiting-room display is at /hall/LZ-ZWZX/display. */
export const DEMO_HALL_CODE = 'LZ-ZWZX';

/**
 * The demo city's service hall (兰州市政务服务中心), set up through the hall's use cases as the
 * installation: 综合窗口 A (public security and civil affairs: windows 1–3) and 市场监管窗口 B
 * (market regulation: windows 4–5), open 09:00–12:00 and 13:30–17:30 on working days, 30-minute
 * appointment slots.
 */
export async function seedDemoHall(tx: Tx, items: { id: string; dept: string }[]): Promise<void> {
  const { id: hallId } = await createHall(tx, null, {
    code: DEMO_HALL_CODE,
    name: { zh: '兰州市政务服务中心', en: 'Lanzhou Government Service Centre' },
    regionCode: '620100',
    address: { zh: '兰州市城关区北滨河中路 1 号 一楼大厅', en: 'Hall, ground floor, 1 Beibinhe Middle Road, Chengguan District, Lanzhou' },
    hours: [
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ],
    slotMinutes: 30,
    graceMinutes: 15,
    bookingDays: 7,
  });
  const general = await addWindowGroup(tx, null, hallId, {
    letter: 'A',
    name: { zh: '综合窗口', en: 'General services' },
    itemIds: items.filter((i) => i.dept === 'GA' || i.dept === 'MZ').map((i) => i.id),
    slotCapacity: 3,
  });
  const market = await addWindowGroup(tx, null, hallId, {
    letter: 'B',
    name: { zh: '市场监管窗口', en: 'Market regulation' },
    itemIds: items.filter((i) => i.dept === 'SCJG').map((i) => i.id),
    slotCapacity: 2,
  });
  for (const number of [1, 2, 3]) await addWindow(tx, null, hallId, { groupId: general.id, number });
  for (const number of [4, 5]) await addWindow(tx, null, hallId, { groupId: market.id, number });
}
