import OpenAI from 'openai';
import { LlmPurpose } from '@startales/contracts';
import type { EntityManager, Logger, Orm } from '@startales/kit';
import { Campaign } from '../../entities/campaign.entity.ts';
import { prosePrompt } from './prompt.ts';
import { skeletonOf } from '../campaigns/skeleton.ts';

/** Where llm-router is and how campaigns authenticates to it. */
export interface LlmRouterOptions {
  /** e.g. http://127.0.0.1:4010 (the OpenAI-compatible API is under /v1). */
  url: string;
  serviceToken: string;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
}

export interface ProseResult {
  text: string;
  model: string;
  costMicros: number | null;
}

const MAX_PROSE = 20_000;
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 10 * 60_000;
/** A claimed campaign is not picked by another writer for this long (covers the call's timeout). */
const CLAIM_MS = 2 * 60_000;

/**
 * Writes a campaign's prose through llm-router (purpose `generation`, attributed to the owner and the campaign,
 * model = the campaign's tier alias), streaming, and returns the text with the cost llm-router reported.
 */
export function createProseClient(options: LlmRouterOptions) {
  const client = new OpenAI({ baseURL: `${options.url.replace(/\/$/, '')}/v1`, apiKey: options.serviceToken || 'none', maxRetries: 0, timeout: options.timeoutMs ?? 60_000 });
  return {
    async write(c: Campaign): Promise<ProseResult> {
      const { data: stream, response } = await client.chat.completions
        .create(
          { model: c.llmTier, messages: prosePrompt({ ...c, skeleton: skeletonOf(c) }), stream: true, stream_options: { include_usage: true }, max_tokens: 1200 },
          { headers: { 'x-startales-user': c.ownerId, 'x-startales-campaign': c.id, 'x-startales-purpose': LlmPurpose.GENERATION } },
        )
        .withResponse();
      let text = '';
      let model = c.llmTier as string;
      let costMicros: number | null = null;
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        text += chunk.choices[0]?.delta?.content ?? '';
        const cost = (chunk.usage as { cost_micros?: unknown } | null | undefined)?.cost_micros;
        if (typeof cost === 'number') costMicros = cost;
      }
      const header = Number(response.headers.get('x-startales-cost-micros'));
      if (costMicros === null && Number.isFinite(header) && response.headers.has('x-startales-cost-micros')) costMicros = header;
      text = text.trim();
      if (!text) throw new Error('llm-router returned no prose');
      return { text: text.slice(0, MAX_PROSE), model, costMicros };
    },
  };
}
export type ProseClient = ReturnType<typeof createProseClient>;

export interface ProseWriter {
  /** Writes every due campaign's prose now; resolves to how many were written. */
  runOnce(): Promise<number>;
  /** Runs soon (after a campaign is created). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Fills in prose for campaigns created without it. A campaign is created with `proseStatus = PENDING`; this loop
 * claims due ones (`proseNextAttemptAt <= now`, row-locked with SKIP LOCKED so several instances share the work),
 * asks llm-router, and stores the text once (`WRITTEN`, never rewritten: nothing depends on the LLM twice). When
 * llm-router is down or fails, the attempt is recorded and retried with capped exponential backoff (5 s … 10 min),
 * so campaigns are created regardless and get their prose when the router is back. Cancelled campaigns are skipped.
 */
export function startProseWriter(options: { orm: Orm; client: ProseClient; logger: Logger; intervalMs?: number; clock?: () => Date }): ProseWriter {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> | undefined;
  let stopped = false;

  const claim = async (em: EntityManager): Promise<Campaign | null> =>
    em.transactional(async (tx) => {
      const now = clock();
      const [row] = await tx
        .execute<Array<{ id: string }>>(
          `select id from "campaigns"."campaign" where prose_status = 'PENDING' and status <> 'CANCELLED' and prose_next_attempt_at <= ? order by prose_next_attempt_at limit 1 for update skip locked`,
          [now],
        );
      if (!row) return null;
      const c = await tx.findOneOrFail(Campaign, { id: row.id });
      c.proseNextAttemptAt = new Date(now.getTime() + CLAIM_MS);
      return c;
    });

  const writeDue = async (): Promise<number> => {
    let written = 0;
    for (let i = 0; i < 50 && !stopped; i++) {
      const em = options.orm.em.fork();
      const c = await claim(em);
      if (!c) break;
      try {
        const result = await options.client.write(c);
        await em.nativeUpdate(Campaign, { id: c.id, proseStatus: 'PENDING' }, {
          proseStatus: 'WRITTEN',
          prose: result.text,
          proseModel: result.model.slice(0, 120),
          proseCostMicros: result.costMicros,
          proseWrittenAt: clock(),
          proseAttempts: c.proseAttempts + 1,
          proseNextAttemptAt: null,
          proseLastError: null,
        });
        written++;
      } catch (error) {
        const attempts = c.proseAttempts + 1;
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 16));
        options.logger.warn('campaign prose not written; will retry', { campaignId: c.id, attempts, retryInMs: delay, error });
        await em.nativeUpdate(Campaign, { id: c.id }, { proseAttempts: attempts, proseNextAttemptAt: new Date(clock().getTime() + delay), proseLastError: String((error as Error)?.message ?? error).slice(0, 500) });
      }
    }
    return written;
  };

  const runOnce = () => {
    running ??= writeDue().finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = () => {
    if (!stopped) void runOnce().catch((error) => options.logger.warn('prose writer error', { error }));
  };
  const timer = setInterval(tick, options.intervalMs ?? 5_000);
  return {
    runOnce,
    kick: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
