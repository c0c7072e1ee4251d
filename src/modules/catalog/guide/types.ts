import type { LocalText } from '../../../db/types.js';

/** The guide (办事指南) elements of an item, both languages where people read them. */
export type GuideData = {
  legalBasis: LocalText[];
  audience: LocalText;
  conditions: LocalText[];
  process: LocalText[];
  caseKind: 'immediate' | 'promised';
  place: LocalText;
  hours: LocalText;
  contactPhone: string;
  complaintPhone: string;
  visits: number;
  fees: { name: LocalText; amountFen: number; basis: LocalText }[];
  result: LocalText;
};

export type MaterialSpec = {
  code: string;
  name: LocalText;
  required: boolean;
  description: LocalText;
  accept: ('pdf' | 'png' | 'jpg')[];
  maxBytes: number;
};
