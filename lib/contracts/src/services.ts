/** Service names and their local development ports (ARCHITECTURE.md). */
export const ServicePort = {
  gateway: 4000,
  users: 4001,
  billing: 4002,
  campaigns: 4003,
  analytics: 4004,
  moderation: 4005,
  llmRouter: 4010,
  gamehost: 4020,
  web: 5173,
} as const;
export type ServiceName = keyof typeof ServicePort;

export const SUBGRAPHS = ['users', 'billing', 'campaigns', 'analytics', 'moderation'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
