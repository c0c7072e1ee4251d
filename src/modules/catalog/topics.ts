/** 个人生命周期 life events, by which the portal lists services for persons (出生、上学、就业、婚育…). */
export const lifeEvents = ['birth', 'education', 'employment', 'marriage', 'housing', 'transport', 'health', 'social_security', 'residence', 'retirement', 'assistance', 'death'] as const;
/** 企业全生命周期 stages, by which the portal lists services for enterprises (开办、经营、变更、投资建设、注销). */
export const enterpriseStages = ['start', 'operate', 'change', 'invest', 'close'] as const;

export type LifeEvent = (typeof lifeEvents)[number];
export type EnterpriseStage = (typeof enterpriseStages)[number];
/** Where people look for a service. A basic item's, inherited by every implementation. */
export type CatalogTopics = { lifeEvents?: LifeEvent[]; enterpriseStages?: EnterpriseStage[] };
