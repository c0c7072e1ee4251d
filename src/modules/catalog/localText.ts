import { z } from 'zod';
import { isStorableText, nameText } from '../../lib/text.js';

/** Running text in both languages (guides, descriptions): storable, required, bounded. */
export const prose = (max: number) => z.string().trim().min(1, 'REQUIRED').max(max).refine(isStorableText, 'TEXT_UNSTORABLE');
export const localName = z.object({ zh: nameText(100), en: nameText(200) });
export const localProse = z.object({ zh: prose(2000), en: prose(4000) });
export const phone = z.string().trim().regex(/^[0-9-]{3,20}$/, 'PATTERN');
