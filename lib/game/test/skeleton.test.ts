import { expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { createRng, generateSkeleton } from '../src/index.ts';

const input = { seed: 'night-1', mode: 'WEEKLY', lengthWeeks: 12, maxPlayers: 6 };

test('same seed and config → byte-identical skeleton; a different seed → a different one', () => {
  const a = JSON.stringify(generateSkeleton(input));
  const b = JSON.stringify(generateSkeleton({ ...input }));
  expect(a).toBe(b);
  expect(JSON.stringify(generateSkeleton({ ...input, seed: 'night-2' }))).not.toBe(a);
  expect(JSON.stringify(generateSkeleton({ ...input, maxPlayers: 7 }))).not.toBe(a);
});

test('the format is pinned: a known seed keeps its exact skeleton across releases', () => {
  // if this changes, existing campaigns would regenerate differently: bump the skeleton version instead
  const digest = createHash('sha256').update(JSON.stringify(generateSkeleton(input))).digest('hex');
  expect(digest).toBe(PINNED);
});

test('maps are connected and links are symmetric; one-shots have one act', () => {
  for (let i = 0; i < 200; i++) {
    const s = generateSkeleton({ seed: `s${i}`, mode: i % 2 ? 'ONE_SHOT' : 'WEEKLY', lengthWeeks: [4, 12, 24][i % 3]!, maxPlayers: 2 + (i % 49) });
    const byId = new Map(s.map.regions.map((r) => [r.id, r]));
    for (const r of s.map.regions) for (const l of r.links) expect(byId.get(l)!.links).toContain(r.id);
    const seen = new Set([s.map.start]);
    const queue = [s.map.start];
    while (queue.length) for (const l of byId.get(queue.pop()!)!.links) if (!seen.has(l)) (seen.add(l), queue.push(l));
    expect(seen.size).toBe(s.map.regions.length);
    if (i % 2) expect(s.objectives.every((o) => o.act === 1)).toBe(true);
    expect(s.npcs[0]!.role).toBe('villain');
  }
});

test('the generator is uniform enough and never biased by modulo', () => {
  const rng = createRng('uniform');
  const counts = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) counts[rng.int(0, 2)]!++;
  for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  expect(createRng('x').next()).toBe(createRng('x').next());
});

const PINNED = '29046f3dfd0153fc2899b705004fe64ecc2ae40ba550663c6f00786ddfae7b69';
