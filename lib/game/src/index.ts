export * from './prng.ts';
export * from './skeleton.ts';
export * from './schedule.ts';
