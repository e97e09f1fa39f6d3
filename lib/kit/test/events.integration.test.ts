/** The JetStream helpers and the idempotent consumer against the real NATS and PostgreSQL. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DomainEvent, Stream } from '@startales/contracts';
import { createTestDatabase, deleteNamespaceStreams, eventually, uniqueName, TEST_NATS_URL, type TestDatabase } from '@startales/testing';
import {
  connectBus,
  createEnvelope,
  createLogger,
  createOrm,
  enqueueDomainEvent,
  OutboxEvent,
  ProcessedEvent,
  startIdempotentConsumer,
  startOutboxRelay,
  type Bus,
  type Orm,
} from '../src/index.ts';

const CounterSchema = defineEntity({
  name: 'Counter',
  tableName: 'counter',
  properties: { id: p.string().primary(), value: p.integer() },
});
class Counter extends CounterSchema.class {}
CounterSchema.setClass(Counter);

class InitTestSchema extends Migration {
  override up() {
    this.addSql(`create table "kit_test"."counter" ("id" text primary key, "value" int not null)`);
    this.addSql(`create table "kit_test"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"))`);
    this.addSql(`create table "kit_test"."outbox_event" ("id" uuid primary key, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0)`);
  }
}

const logger = createLogger({ service: 'kit-test', level: 'silent' });
let db: TestDatabase;
let orm: Orm;
let bus: Bus;
const ns = uniqueName('k');

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'kit_test', entities: [Counter, ProcessedEvent, OutboxEvent], migrations: [InitTestSchema], logger });
  bus = await connectBus({ url: TEST_NATS_URL, ns, name: 'kit-test', logger });
  await bus.ensureStreams();
});

afterAll(async () => {
  await bus?.close();
  await orm?.close();
  await db?.drop();
  await deleteNamespaceStreams(ns);
});

const counter = async (id: string) => (await orm.em.fork().findOne(Counter, { id }))?.value ?? 0;

test('streams and subjects are namespaced; publishing one envelope twice keeps one copy', async () => {
  const info = await bus.jsm.streams.info(`${ns}_DOMAIN`);
  expect(info.config.subjects).toEqual([`${ns}.domain.>`]);
  const env = createEnvelope('test.thing', { a: 1 }, 'tester');
  expect(env.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/); // UUIDv7
  const first = await bus.publish('domain.test.thing', env);
  const second = await bus.publish('domain.test.thing', env);
  expect(first.duplicate).toBe(false);
  expect(second.duplicate).toBe(true);
  expect(second.seq).toBe(first.seq);
});

test('the idempotent consumer applies a redelivered event once, retries failures, and terminates poison messages', async () => {
  let failures = 1;
  const consumer = await startIdempotentConsumer({
    bus,
    orm,
    logger,
    stream: Stream.DOMAIN,
    durable: 'kit-test-counter',
    filterSubject: 'domain.counter.>',
    retryDelayMs: 50,
    handle: async (em, event) => {
      const id = (event.data as { id: string }).id;
      if (id === 'flaky' && failures-- > 0) throw new Error('transient failure');
      const row = await em.findOne(Counter, { id });
      if (row) row.value += 1;
      else em.create(Counter, { id, value: 1 });
    },
  });
  try {
    const env = createEnvelope('counter.bumped', { id: 'once' }, 'tester');
    await bus.publish('domain.counter.bumped', env);
    // the same event arriving again under another message id (as after a producer retry past the dedupe window)
    const h = natsHeaders();
    await bus.js.publish(bus.subject('domain.counter.bumped'), JSON.stringify(env), { msgID: `${env.id}-again`, headers: h });
    await bus.publish('domain.counter.bumped', createEnvelope('counter.bumped', { id: 'flaky' }, 'tester'));
    await bus.js.publish(bus.subject('domain.counter.bumped'), 'not json at all');
    await eventually(async () => (await counter('once')) === 1 && (await counter('flaky')) === 1, 'both counters to be bumped');
    await Bun.sleep(300);
    expect(await counter('once')).toBe(1);
    expect(await counter('flaky')).toBe(1);
    const processed = await orm.em.fork().count(ProcessedEvent, { consumer: 'kit-test-counter' });
    expect(processed).toBe(2);
    // every message settled: acked, or terminated (the poison one) — nothing left to redeliver
    await eventually(async () => {
      const info = await bus.jsm.consumers.info(`${ns}_DOMAIN`, 'kit-test-counter');
      return info.num_pending + info.num_ack_pending === 0 && info.delivered.stream_seq >= 4;
    }, "the consumer to settle every message", 5000);
  } finally {
    await consumer.stop();
  }
});

test('the outbox publishes what a transaction queued, once, and only after commit', async () => {
  const relay = startOutboxRelay({ orm, bus, logger, intervalMs: 60_000 });
  try {
    const em = orm.em.fork();
    await em
      .transactional(async (tx) => {
        enqueueDomainEvent(tx, DomainEvent.USER_REGISTERED, { userId: 'rolled-back' }, 'tester');
        throw new Error('rollback');
      })
      .catch(() => {});
    let queued!: ReturnType<typeof enqueueDomainEvent>;
    await em.transactional(async (tx) => {
      queued = enqueueDomainEvent(tx, DomainEvent.USER_REGISTERED, { userId: 'u1' }, 'tester');
    });
    expect(await relay.flush()).toBe(1);
    expect(await relay.flush()).toBe(0);
    const stream = `${ns}_DOMAIN`;
    const msg = await bus.jsm.streams.getMessage(stream, { last_by_subj: `${ns}.domain.users.registered` });
    expect(msg?.json<{ id: string; data: unknown }>()).toMatchObject({ id: queued.id, data: { userId: 'u1' } });
    expect(msg?.header.get('Nats-Msg-Id')).toBe(queued.id);
    const pending = await orm.em.fork().count(OutboxEvent, {});
    expect(pending).toBe(0);
  } finally {
    await relay.stop();
  }
});

test("streams keep messages as long as the data retention says, and an existing stream is brought to it", async () => {
  const ns = uniqueName('kitage');
  const DAY = 86_400_000;
  const nanos = (ms: number) => ms * 1_000_000;
  const first = await connectBus({ url: TEST_NATS_URL, ns, name: 'kit-test-age' });
  try {
    await first.ensureStreams([Stream.GAME, Stream.DOMAIN]);
    // the seed's limits by default: campaign data 2 years, user data 7 years
    expect((await first.jsm.streams.info(first.streamName(Stream.GAME))).config.max_age).toBe(nanos(730 * DAY));
    expect((await first.jsm.streams.info(first.streamName(Stream.DOMAIN))).config.max_age).toBe(nanos(2557 * DAY));
    // a stream made before (no maximum age) and a shorter configured limit: the next start applies it
    await first.jsm.streams.update(first.streamName(Stream.GAME), { max_age: 0 });
    const second = await connectBus({ url: TEST_NATS_URL, ns, name: 'kit-test-age-2', streamMaxAgeMs: { GAME: 30 * DAY } });
    try {
      await second.ensureStreams([Stream.GAME]);
      expect((await second.jsm.streams.info(second.streamName(Stream.GAME))).config.max_age).toBe(nanos(30 * DAY));
    } finally {
      await second.close();
    }
  } finally {
    await first.close();
    await deleteNamespaceStreams(ns).catch(() => {});
  }
});
