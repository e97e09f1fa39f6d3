import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  AckPolicy,
  DeliverPolicy,
  StorageType,
  RetentionPolicy,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/nats-core';
import {
  Stream,
  StreamSubjects,
  StreamMaxAgeMs,
  streamName,
  subject,
  domainSubject,
  type EventEnvelope,
  type DomainEvent,
} from '@startales/contracts';
import type { Logger } from './logger.ts';
import { metrics } from './metrics.ts';
import { context, trace } from '@opentelemetry/api';
import { SpanKind, extractContext, injectContext, tracingEnabled, withSpan } from './tracing.ts';

const published = metrics.counter('events_published_total', 'Events published to JetStream, by event type (duplicates dropped by JetStream excluded).', ['type']);
const publishFailures = metrics.counter('events_publish_failures_total', 'Publishes JetStream did not acknowledge, by event type.', ['type']);
const llmSpend = metrics.counter('llm_spend_microdollars_total', 'LLM spend in micro-dollars as metered by llm-router (USAGE events), by provider, model, tier and purpose.', ['provider', 'model', 'tier', 'purpose']);
const llmTokens = metrics.counter('llm_tokens_total', 'LLM tokens metered by llm-router, by provider, model and kind (input, cached_input, cache_write, output, reasoning).', ['provider', 'model', 'kind']);
const llmCalls = metrics.counter('llm_calls_total', 'LLM calls metered by llm-router, by provider, model and status.', ['provider', 'model', 'status']);

/** Options of one publish. */
export interface PublishOptions {
  /**
   * Trace context headers (`traceparent`...) to send instead of the active context's — the outbox relay passes the
   * context of the transaction that queued the event.
   */
  traceHeaders?: Record<string, string>;
}

/** Counts LLM spend from a USAGE event as it leaves llm-router (the one place every metered call passes). */
function recordUsage(subj: string, envelope: EventEnvelope): void {
  if (!subj.startsWith('llm.usage.')) return;
  const d = envelope.data as Partial<Record<string, unknown>> | null;
  if (!d || typeof d !== 'object') return;
  const provider = String(d.provider ?? 'unknown');
  const model = String(d.model ?? 'unknown');
  if (typeof d.costMicros === 'number') llmSpend.inc({ provider, model, tier: String(d.tier ?? ''), purpose: String(d.purpose ?? '') }, d.costMicros);
  llmCalls.inc({ provider, model, status: String(d.status ?? 'ok') });
  const kinds: Array<[string, unknown]> = [
    ['input', d.inputTokens],
    ['cached_input', d.cachedInputTokens],
    ['cache_write', d.cacheWriteTokens],
    ['output', d.outputTokens],
    ['reasoning', d.reasoningTokens],
  ];
  for (const [kind, n] of kinds) if (typeof n === 'number' && n > 0) llmTokens.inc({ provider, model, kind }, n);
}

/** Builds an envelope with a fresh UUIDv7 id (time-ordered, so ids sort by creation). */
export function createEnvelope<T>(type: string, data: T, actor: string, v = 1): EventEnvelope<T> {
  return { id: Bun.randomUUIDv7(), type, occurredAt: new Date().toISOString(), actor, data, v };
}

/** Parses and validates an envelope from raw bytes; throws on anything malformed. */
export function parseEnvelope(bytes: Uint8Array): EventEnvelope {
  const value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<EventEnvelope>;
  if (
    !value ||
    typeof value.id !== 'string' ||
    typeof value.type !== 'string' ||
    typeof value.occurredAt !== 'string' ||
    typeof value.actor !== 'string' ||
    typeof value.v !== 'number' ||
    !('data' in value)
  ) {
    throw new Error('malformed event envelope');
  }
  return value as EventEnvelope;
}

export interface Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** Namespace applied to every stream and subject. */
  readonly ns: string;
  /**
   * Publishes an envelope on a subject (namespaced here), deduplicated by `Nats-Msg-Id = envelope.id`. The trace
   * context (the active one, or `options.traceHeaders`) travels in the message headers.
   */
  publish(subj: string, envelope: EventEnvelope, options?: PublishOptions): Promise<{ seq: number; duplicate: boolean }>;
  /** Publishes a domain event on `domain.<type>`. */
  publishDomain<T>(type: DomainEvent, data: T, actor: string): Promise<EventEnvelope<T>>;
  /** Creates (or updates) the streams this service touches. */
  ensureStreams(streams?: Stream[]): Promise<void>;
  /** Creates (or updates) a durable pull consumer with explicit ack. */
  ensureConsumer(stream: Stream, durable: string, filterSubject?: string): Promise<void>;
  streamName(stream: Stream): string;
  subject(subj: string): string;
  /** Drains the connection: in-flight publishes and subscriptions finish first. */
  close(): Promise<void>;
}

export interface BusOptions {
  url: string;
  ns?: string;
  name: string;
  logger?: Logger;
  /**
   * Maximum age of each stream's messages (default: contracts' StreamMaxAgeMs, applied when the stream is created);
   * a stream named here is also brought to it if it exists with another.
   */
  streamMaxAgeMs?: Partial<Record<Stream, number>>;
}

/** The stream ages a service's retention settings give (campaign data: GAME; user and money data: DOMAIN, USAGE). */
export function streamMaxAgesFromRetention(config: { RETENTION_USER_DAYS?: number; RETENTION_CAMPAIGN_DAYS?: number }): Partial<Record<Stream, number>> {
  const ages: Partial<Record<Stream, number>> = {};
  if (config.RETENTION_CAMPAIGN_DAYS) ages.GAME = config.RETENTION_CAMPAIGN_DAYS * 86_400_000;
  if (config.RETENTION_USER_DAYS) ages.DOMAIN = ages.USAGE = config.RETENTION_USER_DAYS * 86_400_000;
  return ages;
}

/** Connects to NATS and returns the JetStream helpers every service uses. */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const ns = options.ns ?? '';
  const maxAge = (s: Stream) => options.streamMaxAgeMs?.[s] ?? StreamMaxAgeMs[s];
  const nc = await connect({
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  let closed = false;
  (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') options.logger?.warn(`nats ${s.type}`, { server: s.server });
    }
  })().catch(() => {});

  const bus: Bus = {
    nc,
    js,
    jsm,
    ns,
    streamName: (s) => streamName(s, ns),
    subject: (s) => subject(s, ns),
    async publish(subj, envelope, publishOptions) {
      const send = async () => {
        const h = natsHeaders();
        h.set('Content-Type', 'application/json');
        h.set('Startales-Event-Type', envelope.type);
        injectContext((k, v) => h.set(k, v));
        try {
          const ack = await js.publish(subject(subj, ns), JSON.stringify(envelope), { msgID: envelope.id, headers: h });
          if (!ack.duplicate) {
            published.inc({ type: envelope.type });
            recordUsage(subj, envelope);
          }
          return { seq: ack.seq, duplicate: ack.duplicate };
        } catch (error) {
          publishFailures.inc({ type: envelope.type });
          throw error;
        }
      };
      if (!tracingEnabled()) return send();
      const parent = publishOptions?.traceHeaders ? extractContext(new Map(Object.entries(publishOptions.traceHeaders)), context.active()) : context.active();
      // a publish outside any trace (a relay catching up after a restart) starts none
      if (!trace.getSpan(parent)) return send();
      return withSpan(`publish ${envelope.type}`, {
        kind: SpanKind.PRODUCER,
        parent,
        attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject(subj, ns), 'messaging.message.id': envelope.id },
      }, send);
    },
    async publishDomain(type, data, actor) {
      const envelope = createEnvelope(type, data, actor);
      await bus.publish(`domain.${type}`, envelope);
      return envelope;
    },
    async ensureStreams(streams = Object.values(Stream)) {
      for (const s of streams) {
        const name = streamName(s, ns);
        const config = {
          name,
          subjects: [subject(StreamSubjects[s], ns)],
          storage: StorageType.File,
          retention: RetentionPolicy.Limits,
          duplicate_window: nanos(2 * 60_000),
          ...(maxAge(s) ? { max_age: nanos(maxAge(s)) } : {}),
        };
        let info: Awaited<ReturnType<typeof jsm.streams.info>> | undefined;
        try {
          info = await jsm.streams.info(name);
        } catch {
          info = undefined;
        }
        if (info) {
          // a stream created before its retention was set (or changed) gets the configured maximum age; only a
          // service given one (the subgraphs, from their RETENTION_* settings) changes an existing stream, so
          // services left on the defaults never undo it
          const want = maxAge(s) ? nanos(maxAge(s)) : 0;
          if (options.streamMaxAgeMs?.[s] !== undefined && Number(info.config.max_age ?? 0) !== want) {
            await jsm.streams.update(name, { ...info.config, max_age: want }).catch((error: unknown) => {
              options.logger?.warn('could not update the stream maximum age', { stream: name, error });
            });
          }
        } else {
          try {
            await jsm.streams.add(config);
          } catch (error) {
            // another service created it concurrently
            if (!/already in use|exists/i.test(String(error))) throw error;
          }
        }
      }
    },
    async ensureConsumer(s, durable, filterSubject) {
      const stream = streamName(s, ns);
      const filter = filterSubject ? subject(filterSubject, ns) : undefined;
      try {
        await jsm.consumers.info(stream, durable);
      } catch {
        try {
          await jsm.consumers.add(stream, {
            durable_name: durable,
            ack_policy: AckPolicy.Explicit,
            deliver_policy: DeliverPolicy.All,
            ack_wait: nanos(30_000),
            ...(filter ? { filter_subject: filter } : {}),
          });
        } catch (error) {
          if (!/already in use|exists/i.test(String(error))) throw error;
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await nc.drain().catch(() => nc.close());
    },
  };
  return bus;
}

export { domainSubject };
