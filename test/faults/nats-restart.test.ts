/**
 * Fault: NATS crashes (SIGKILL) and comes back while events flow. The services' real path runs here: domain events
 * queued in the outbox inside the business transaction, the outbox relay publishing them (Nats-Msg-Id = event id),
 * and a durable idempotent consumer applying them. Once NATS is back every event is applied exactly once.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { defineEntity, p } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { Consumer, Stream } from '@startales/contracts';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@startales/testing';
import {
  connectBus,
  createEnvelope,
  createLogger,
  createOrm,
  enqueueEvent,
  OutboxEvent,
  ProcessedEvent,
  startIdempotentConsumer,
  startOutboxRelay,
  type Bus,
  type Orm,
  type OutboxRelay,
  type RunningConsumer,
} from '@startales/kit';
import { startPrivateNats, type PrivateNats } from './support.ts';

const AppliedSchema = defineEntity({
  name: 'Applied',
  tableName: 'applied',
  properties: { eventId: p.uuid().primary(), seq: p.integer(), times: p.integer() },
});
class Applied extends AppliedSchema.class {}
AppliedSchema.setClass(Applied);

class FaultSchema extends Migration {
  override up() {
    this.addSql(`create table "fault_nats"."applied" ("event_id" uuid primary key, "seq" int not null, "times" int not null)`);
    this.addSql(`create table "fault_nats"."processed_event" ("consumer" varchar(100) not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"))`);
    this.addSql(`create table "fault_nats"."outbox_event" ("id" uuid primary key, "subject" varchar(255) not null, "envelope" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0)`);
  }
}

const N = 300;
const logger = createLogger({ service: 'fault-nats', level: 'silent' });
let nats: PrivateNats;
let db: TestDatabase;
let orm: Orm;
let bus: Bus;
let relay: OutboxRelay;
let consumer: RunningConsumer;

beforeAll(async () => {
  nats = await startPrivateNats();
  db = await createTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'fault_nats', entities: [Applied, ProcessedEvent, OutboxEvent], migrations: [FaultSchema], logger });
  bus = await connectBus({ url: nats.url, ns: uniqueName('f'), name: 'fault-nats', logger });
  await bus.ensureStreams([Stream.DOMAIN]);
  relay = startOutboxRelay({ orm, bus, logger, intervalMs: 200 });
  consumer = await startIdempotentConsumer({
    bus,
    orm,
    logger,
    stream: Stream.DOMAIN,
    durable: Consumer.ANALYTICS_DOMAIN,
    filterSubject: 'domain.>',
    retryDelayMs: 200,
    // a second application of the same event would bump `times` (and is what the processed-event record prevents)
    handle: async (em, event) => {
      const seq = (event.data as { seq: number }).seq;
      const existing = await em.findOne(Applied, { eventId: event.id });
      if (existing) existing.times++;
      else em.create(Applied, { eventId: event.id, seq, times: 1 });
    },
  });
}, 60_000);

afterAll(async () => {
  await consumer?.stop();
  await relay?.stop();
  await bus?.close();
  await orm?.close();
  await db?.drop();
  await nats?.stop();
}, 30_000);

test('NATS killed and restarted mid-flow: no event lost, none applied twice', async () => {
  const started = Date.now();
  for (let i = 0; i < N; i++) {
    await orm.em.fork().transactional(async (em) => {
      enqueueEvent(em, 'domain.fault.happened', createEnvelope('fault.happened', { seq: i }, 'test'));
    });
    relay.kick();
    // the crash lands in the middle of the flow: a third published, the rest queued while NATS is down
    if (i === 100) await nats.restart({ signal: 'SIGKILL', downMs: 1500 });
    else if (i % 10 === 0) await Bun.sleep(5);
  }
  // bounded: redeliveries of anything delivered but not acknowledged when NATS died come after ack_wait (30 s)
  await eventually(async () => (await orm.em.fork().count(Applied)) === N, `all ${N} events applied`, 60_000, 250);
  expect(await orm.em.fork().count(OutboxEvent, {})).toBe(0);
  // let any late redelivery arrive, then check nothing was applied twice
  await Bun.sleep(1500);
  const rows = await orm.em.fork().find(Applied, {}, { orderBy: { seq: 'asc' } });
  expect(rows.map((r) => r.seq)).toEqual([...Array(N).keys()]);
  expect(rows.filter((r) => r.times !== 1)).toEqual([]);
  expect(await orm.em.fork().count(ProcessedEvent, { consumer: Consumer.ANALYTICS_DOMAIN })).toBe(N);
  // the stream holds each event once (JetStream dedupe on Nats-Msg-Id absorbed the relay's retries)
  const info = await bus.jsm.streams.info(bus.streamName(Stream.DOMAIN));
  expect(info.state.messages).toBe(N);
  expect(Date.now() - started).toBeLessThan(90_000);
}, 120_000);
