import type { navigationZh } from './navigation.zh-CN.js';

export const navigationEn: Record<keyof typeof navigationZh, string> = {
  'nav2.forPersons': 'For persons',
  'nav2.forEntities': 'For enterprises',
  'nav2.all': 'All',
  'nav2.lifeEvents': 'By life event',
  'nav2.enterpriseStages': 'By business stage',
  'nav2.popular': 'Most used',
  'nav2.recent': 'Recently viewed',
  'nav2.popularCases': '{n} cases in 90 days',
  'item.region': 'Region',
};
