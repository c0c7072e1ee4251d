import type { NewSynonym } from './contract.js';

/**
 * A starting list of the short names citizens type for services whose official names are long
 * (seeded into the demo node through addSynonym; admins edit it at /api/catalog/synonyms).
 */
export const defaultSynonyms: NewSynonym[] = [
  { term: '低保', expansions: ['最低生活保障'] },
  { term: '身份证', expansions: ['居民身份证'] },
  { term: '户口', expansions: ['户籍'] },
  { term: '社保', expansions: ['社会保险'] },
  { term: '医保', expansions: ['医疗保险', '医疗保障'] },
  { term: '公积金', expansions: ['住房公积金'] },
  { term: '个体户', expansions: ['个体工商户'] },
  { term: '驾照', expansions: ['驾驶证'] },
  { term: '结婚证', expansions: ['结婚登记'] },
  { term: '离婚证', expansions: ['离婚登记'] },
  { term: '开公司', expansions: ['企业设立登记', '公司设立登记'] },
  { term: '营业执照', expansions: ['设立登记'] },
  { term: '无犯罪证明', expansions: ['无犯罪记录证明'] },
  { term: '暂住证', expansions: ['居住证'] },
  { term: '准生证', expansions: ['生育服务证'] },
  { term: '残疾证', expansions: ['残疾人证'] },
  { term: '退休', expansions: ['养老保险待遇'] },
];
