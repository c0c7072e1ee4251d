import { readFileSync } from 'node:fs';
import { checkDivision, installDivisionOverrides } from '../lib/divisions.js';
import { fieldMessages } from '../lib/i18n/messages.js';
import type { Config } from './config.js';

/**
 * At start: applies the operator's division overrides (REGION_OVERRIDES_FILE) and checks that the
 * node serves a current GB/T 2260 division. Throws with what to fix; the server does not start.
 */
export function installRegionData(config: Pick<Config, 'NODE_REGION_CODE' | 'REGION_OVERRIDES_FILE'>): void {
  if (config.REGION_OVERRIDES_FILE) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(config.REGION_OVERRIDES_FILE, 'utf8'));
    } catch (e) {
      throw new Error(`REGION_OVERRIDES_FILE ${config.REGION_OVERRIDES_FILE} cannot be read as JSON: ${(e as Error).message}`);
    }
    try {
      installDivisionOverrides(raw);
    } catch (e) {
      throw new Error(`REGION_OVERRIDES_FILE ${config.REGION_OVERRIDES_FILE} is not a list of division changes (see the README, "Division codes"): ${(e as Error).message}`);
    }
  }
  const r = checkDivision(config.NODE_REGION_CODE);
  if (!r.ok) {
    throw new Error(
      `NODE_REGION_CODE ${config.NODE_REGION_CODE}: ${fieldMessages.en[r.code]} ` +
        'Set it to the 6-digit code of the city, county or province this node serves, or add a newer division to REGION_OVERRIDES_FILE.',
    );
  }
}
