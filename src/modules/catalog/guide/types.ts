import type { LocalText } from '../../../db/types.js';

/**
 * The guide (办事指南) elements of an item (GB/T 39554), both languages where people read them.
 *
 * Storage: the guide is one jsonb column. Every element added after the first release is
 * optional here, so a guide stored before it stays readable as it is (no data migration): the
 * portal view fills the defaults (`view.ts`) and the consistency report names what is missing
 * (`consistency.ts`, rule GUIDE_ELEMENT_MISSING).
 */

/** 行使层级 (exercise level), with the codes of the national implementation-list interface. */
export const exerciseLevels = ['1', '2', '3', '4', '5', '6'] as const; // 国家级 省级 市级 县级 乡镇级 村级
export type ExerciseLevel = (typeof exerciseLevels)[number];

/** 权力来源: 法定本级行使, 上级下放, 上级授权, 同级委托, 上级委托, 其他. */
export const powerSources = ['statutory', 'delegated', 'authorised', 'entrusted_peer', 'entrusted_superior', 'other'] as const;
export type PowerSource = (typeof powerSources)[number];

/** Units of a time limit (时限单位). The case clock counts working days (lib/calendar). */
export const limitUnits = ['working_days', 'natural_days', 'hours', 'months'] as const;
export type LimitUnit = (typeof limitUnits)[number];

/** 通办范围 (where the item can be handled across regions). */
export const crossRegionScopes = ['national', 'inter_provincial', 'provincial', 'municipal', 'none'] as const;
export type CrossRegionScope = (typeof crossRegionScopes)[number];

/** 办理结果类型: 证照, 批文, 其他. */
export const resultTypes = ['licence', 'approval', 'other'] as const;
export type ResultType = (typeof resultTypes)[number];

/** 特别程序 (not counted in the time limit). */
export const specialProcedureKinds = ['hearing', 'expert_review', 'inspection', 'public_notice', 'other'] as const;
export type SpecialProcedureKind = (typeof specialProcedureKinds)[number];

/** 材料来源渠道: 申请人自备, 电子证照库, 基础库 (人口/法人), 部门核发, 其他. */
export const materialSources = ['applicant', 'licence', 'registry', 'department', 'other'] as const;
export type MaterialSource = (typeof materialSources)[number];
/** Sources the platform reads itself (免提交: the applicant uploads nothing). */
export const platformSources: readonly MaterialSource[] = ['licence', 'registry'];
export const baseRegistries = ['population', 'entity'] as const;
/** 材料形式: 原件, 复印件, 电子. */
export const materialForms = ['original', 'copy', 'electronic'] as const;
/** 纸质 / 电子 / 两者皆可. */
export const materialMedia = ['paper', 'electronic', 'both'] as const;

/** A legal basis: the law's name, the article, the article's text. Guides stored before carry the name only. */
export type LegalBasis = { name: LocalText; article?: LocalText | undefined; text?: LocalText | undefined };

export type GuideFee = { name: LocalText; amountFen: number; basis?: LocalText | undefined };

export type GuideData = {
  /** A stored guide may hold plain texts here (the first release): read them as names. */
  legalBasis: (LegalBasis | LocalText)[];
  audience: LocalText;
  conditions: LocalText[];
  process: LocalText[];
  caseKind: 'immediate' | 'promised';
  place: LocalText;
  hours: LocalText;
  contactPhone: string;
  complaintPhone: string;
  visits: number;
  fees: GuideFee[];
  /** The result's name (办理结果名称). */
  result: LocalText;

  exerciseLevel?: ExerciseLevel | undefined;
  powerSource?: PowerSource | undefined;
  /** The delegating or entrusting act, when the power is not the body's own. */
  powerSourceNote?: LocalText | undefined;
  /** 实施主体, when it is not the department's own name (a branch acting for it, an entrusted body). */
  implementingBody?: LocalText | undefined;
  legalLimitUnit?: LimitUnit | undefined;
  legalLimitNote?: LocalText | undefined;
  promisedLimitUnit?: LimitUnit | undefined;
  promisedLimitNote?: LocalText | undefined;
  /** 网上办理地址. */
  onlineUrl?: string | undefined;
  /** 必须现场办理原因, when visits > 0. */
  visitReason?: LocalText | undefined;
  /** 收费减免 (reductions and waivers). */
  feeWaivers?: { description: LocalText; basis?: LocalText | undefined }[] | undefined;
  resultType?: ResultType | undefined;
  /** A sample of the result (a static URL, see docs/catalogue.md). */
  resultSampleUrl?: string | undefined;
  intermediaryServices?: { name: LocalText; required: boolean; basis?: LocalText | undefined }[] | undefined;
  specialProcedures?: { kind: SpecialProcedureKind; name: LocalText; limit?: number | undefined; unit?: LimitUnit | undefined; note?: LocalText | undefined }[] | undefined;
  crossRegion?: CrossRegionScope | undefined;
  consultAddress?: LocalText | undefined;
  consultUrl?: string | undefined;
  complaintAddress?: LocalText | undefined;
  complaintUrl?: string | undefined;
  faq?: { question: LocalText; answer: LocalText }[] | undefined;
};

export type MaterialSpec = {
  code: string;
  name: LocalText;
  required: boolean;
  description: LocalText;
  /** File types an upload may have; empty for a material the platform reads itself. */
  accept: ('pdf' | 'png' | 'jpg')[];
  maxBytes: number;

  source?: MaterialSource | undefined;
  /** The e-certificate type read from the licence library (GB/T 36904 type code), when source = licence. */
  licenceTypeCode?: string | undefined;
  /** The base registry read, when source = registry. */
  registry?: (typeof baseRegistries)[number] | undefined;
  form?: (typeof materialForms)[number] | undefined;
  copies?: number | undefined;
  medium?: (typeof materialMedia)[number] | undefined;
  /** 空白表格 and 示例样表: static URLs (a site path such as /guide-files/… or an https address). */
  blankFormUrl?: string | undefined;
  sampleUrl?: string | undefined;
};

/** A material the applicant does not upload: the platform reads it from the licence library or a base registry (免提交). */
export function isFetchedByPlatform(m: Pick<MaterialSpec, 'source'>): boolean {
  return m.source !== undefined && platformSources.includes(m.source);
}
