// Portal navigation: by audience, life event and enterprise stage; most used and recently viewed.
export const navigationZh = {
  'nav2.forPersons': '个人服务',
  'nav2.forEntities': '法人服务',
  'nav2.all': '全部',
  'nav2.lifeEvents': '按人生事件',
  'nav2.enterpriseStages': '按企业阶段',
  'nav2.popular': '最常办',
  'nav2.recent': '最近浏览',
  'nav2.popularCases': '近 90 天 {n} 件',
  'item.region': '实施区划',
} as const;
