export * from './env.ts';
export * from './database.ts';
export * from './nats.ts';
export * from './tokens.ts';
export * from './stack.ts';
export * from './graphql.ts';
export * from './deps.ts';
export * from './migrations.ts';
