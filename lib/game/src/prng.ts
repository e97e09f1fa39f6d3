import { createHash } from 'node:crypto';

/** A seeded pseudo-random generator (xoshiro128**): the same seed always yields the same sequence. */
export interface Rng {
  /** A uint32. */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `count` distinct elements, in a seeded order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A child generator for an independent stream (e.g. one per subsystem), stable under additions elsewhere. */
  fork(label: string): Rng;
}

function rotl(x: number, k: number) {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Builds a generator from any string seed (hashed with SHA-256 into the 128-bit state). */
export function createRng(seed: string): Rng {
  const digest = createHash('sha256').update(seed).digest();
  const s: number[] = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
  if (!s.some((x) => x !== 0)) s[0] = 1;
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] = (s[2]! ^ s[0]!) >>> 0;
    s[3] = (s[3]! ^ s[1]!) >>> 0;
    s[1] = (s[1]! ^ s[2]!) >>> 0;
    s[0] = (s[0]! ^ s[3]!) >>> 0;
    s[2] = (s[2]! ^ t) >>> 0;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
  const rng: Rng = {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range ${min}..${max}`);
      const span = max - min + 1;
      // rejection sampling: no modulo bias
      const limit = Math.floor(0x1_0000_0000 / span) * span;
      let x = next();
      while (x >= limit) x = next();
      return min + (x % span);
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[rng.int(0, items.length - 1)]!;
    },
    sample(items, count) {
      const pool = [...items];
      const out: typeof pool = [];
      for (let i = 0; i < Math.min(count, pool.length); i++) {
        const j = rng.int(i, pool.length - 1);
        [pool[i], pool[j]] = [pool[j]!, pool[i]!];
        out.push(pool[i]!);
      }
      return out;
    },
    fork(label) {
      return createRng(`${seed}\u0000${label}`);
    },
  };
  return rng;
}
