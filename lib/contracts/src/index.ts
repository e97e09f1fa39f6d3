export * from './errors.ts';
export * from './roles.ts';
export * from './events.ts';
export * from './campaign.ts';
export * from './services.ts';
export * from './usage.ts';
export * from './gdpr.ts';
