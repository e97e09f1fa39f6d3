import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connectBus, type Bus } from '@startales/kit';
import { TEST_NATS_URL, createTestKeys, eventually, type TestKeys } from '@startales/testing';
import { createLeaseManager, type Lease } from '../src/nats/leases.ts';
import { bucketNames } from '../src/host.ts';
import { createTestEnv, openRunningCampaign, quietLogger, startTestHost, type TestEnv, type TestHost } from './helpers.ts';

describe('leases', () => {
  let env: TestEnv;
  let other: Bus;
  let keys: TestKeys;
  beforeAll(async () => {
    env = await createTestEnv();
    other = await connectBus({ url: TEST_NATS_URL, ns: env.ns, name: 'second' });
    keys = await createTestKeys();
  });
  afterAll(async () => {
    await other.close().catch(() => {});
    await env.cleanup();
  });

  const manager = (bus: Bus, hostId: string, ttlMs: number) =>
    createLeaseManager({ js: bus.js, bucket: `${bucketNames(env.ns).leases}_${ttlMs}`, hostId, url: `http://${hostId}`, ttlMs, logger: quietLogger });

  test('two hosts racing for the same campaigns: exactly one wins each, and renewals keep it', async () => {
    const a = manager(env.bus, 'host-a', 2000);
    const b = manager(other, 'host-b', 2000);
    await a.start();
    await b.start();
    const winner = new Map<string, string>();
    const held: Lease[] = [];
    for (let i = 0; i < 20; i++) {
      const [la, lb] = await Promise.all([a.tryAcquire(`race-${i}`), b.tryAcquire(`race-${i}`)]);
      expect(Number(!!la) + Number(!!lb)).toBe(1);
      held.push((la ?? lb)!);
      winner.set(`race-${i}`, la ? 'host-a' : 'host-b');
    }
    // renewals keep every lease well past the ttl, and the loser still cannot take any
    await Bun.sleep(2600);
    expect(held.every((l) => l.held())).toBe(true);
    for (let i = 0; i < 20; i++) expect(await Promise.all([a.tryAcquire(`race-${i}`), b.tryAcquire(`race-${i}`)])).toEqual([null, null]);
    for (const [id, hostId] of winner) expect((await b.owner(id))!.hostId).toBe(hostId);
    await a.stop();
    await b.stop();
  });

  test('a host that stops renewing loses the lease before anyone else can take it; release hands it over at once', async () => {
    const ttl = 1000;
    const a = manager(other, 'host-a', ttl);
    const b = manager(env.bus, 'host-b', ttl);
    await a.start();
    await b.start();
    const lease = (await a.tryAcquire('c-1'))!;
    expect(lease.held()).toBe(true);
    let aLostAt = 0;
    const watchHeld = setInterval(() => !lease.held() && !aLostAt && (aLostAt = performance.now()), 5);
    // host a is cut off (a GC pause, a partition): its renewals stop reaching NATS
    await other.nc.close();
    const bLease = await eventually(() => b.tryAcquire('c-1'), 'b to acquire', 5000, 20);
    const bAt = performance.now();
    clearInterval(watchHeld);
    expect(aLostAt).toBeGreaterThan(0);
    expect(aLostAt).toBeLessThan(bAt);
    expect(lease.held()).toBe(false);
    expect((await b.owner('c-1'))!.hostId).toBe('host-b');
    // release: a third host gets it immediately
    const c = manager(env.bus, 'host-c', ttl);
    await c.start();
    expect(await c.tryAcquire('c-1')).toBeNull();
    await bLease.release();
    expect(await c.tryAcquire('c-1')).not.toBeNull();
    await b.stop();
    await c.stop();
    await a.stop().catch(() => {});
  });
});

describe('hosts sharing campaigns', () => {
  let env: TestEnv;
  let keys: TestKeys;
  let hosts: TestHost[] = [];
  beforeAll(async () => {
    env = await createTestEnv();
    keys = await createTestKeys();
  });
  afterAll(async () => {
    for (const h of hosts) await h.stop().catch(() => {});
    await env.cleanup();
  });

  test('every campaign is owned by exactly one of two hosts; when one stops, the other takes its campaigns', async () => {
    hosts = [await startTestHost(env, { keys, hostId: 'share-a' }), await startTestHost(env, { keys, hostId: 'share-b' })];
    const ids = Array.from({ length: 12 }, (_, i) => `share-${i}`);
    for (const id of ids) await openRunningCampaign(env.bus, id, ['p1']);
    const owners = () => ids.map((id) => hosts.filter((h) => h.host.runner(id)).map((h) => h.host.hostId));
    await eventually(async () => owners().every((o) => o.length === 1), 'every campaign owned', 10_000);
    // sample ownership for a while: never two owners
    for (let i = 0; i < 10; i++) {
      expect(owners().every((o) => o.length <= 1)).toBe(true);
      await Bun.sleep(100);
    }
    const [a, b] = hosts as [TestHost, TestHost];
    expect(a.host.owned().length).toBeGreaterThan(0);
    expect(b.host.owned().length).toBeGreaterThan(0);
    for (const id of ids) expect((await a.host.owner(id))!.hostId).toBe(owners()[ids.indexOf(id)]![0]!);
    await a.stop();
    await eventually(async () => b.host.owned().length === ids.length, 'b owns everything', 5000);
    hosts = [b];
  });
});
