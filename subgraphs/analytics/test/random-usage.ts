import type { EventEnvelope } from '@startales/contracts';
import { applyUsageEvent } from '../src/facts/usage.ts';
import type { Harness } from './harness.ts';

/** A seeded pseudo-random source in [0, 1) (mulberry32): the same fixture on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `items` in place with `rnd` (Fisher–Yates): arrival order must not matter. */
export function shuffle<T>(items: T[], rnd: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Applies usage events through the consumer's own statement, one transaction each; resolves to how many were new. */
export async function applyUsageEvents(h: Harness, events: EventEnvelope[]): Promise<number> {
  let applied = 0;
  for (const e of events) if (await h.sub.deps.orm.em.fork().transactional((tx) => applyUsageEvent(tx, e))) applied++;
  return applied;
}
