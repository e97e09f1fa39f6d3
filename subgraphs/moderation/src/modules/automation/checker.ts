import { LockMode } from '@mikro-orm/core';
import type { EntityManager, Logger, Orm } from '@startales/kit';
import { CampaignRef, ContentItem } from '../../entities/content-item.entity.ts';
import type { Classifier } from './classifier.ts';
import { actOnFindings } from './detect.ts';
import { applyThresholds, loadThresholds } from './thresholds.ts';

/** Attribution of classifier calls on AI output in a campaign whose owner moderation has not seen. */
export const SYSTEM_LLM_USER = 'service:moderation';
/** A claimed item is not picked by another worker for this long (covers the call's timeout). */
const CLAIM_MS = 2 * 60_000;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 10 * 60_000;
/** After this many failed calls an item is marked FAILED (its rule checks stand). */
export const MAX_CHECK_ATTEMPTS = 8;

export interface ClassifierWorker {
  /** Checks every due item now; resolves to how many were classified. */
  runOnce(): Promise<number>;
  /** Runs soon (after the GAME consumer queued items). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Runs the LLM classifier over queued content items, outside any transaction: an item is claimed (row-locked with
 * SKIP LOCKED, so several instances share the work), classified, and its findings applied in a transaction that
 * re-checks it is still pending. A failing router is retried with capped exponential backoff.
 */
export function startClassifierWorker(options: {
  orm: Orm;
  classifier: Classifier;
  logger: Logger;
  clock: () => Date;
  afterCommit: () => void;
  intervalMs?: number;
  /** Items classified at once (default 2). */
  concurrency?: number;
}): ClassifierWorker {
  const { clock, logger } = options;
  let running: Promise<number> | undefined;
  let stopped = false;
  // kicked while a run was under way: run once more, so items queued meanwhile do not wait for the timer
  let again = false;

  const claim = (em: EntityManager) =>
    em.transactional(async (tx) => {
      const now = clock();
      const [row] = await tx.execute<Array<{ id: string }>>(
        `select id from "moderation"."content_item" where check_status = 'PENDING' and next_check_at <= ? order by next_check_at limit 1 for update skip locked`,
        [now],
      );
      if (!row) return null;
      const item = await tx.findOneOrFail(ContentItem, { id: row.id });
      item.nextCheckAt = new Date(now.getTime() + CLAIM_MS);
      const owner = item.authorId ? null : (await tx.findOne(CampaignRef, { campaignId: item.campaignId }))?.ownerId;
      return { item, userId: item.authorId ?? owner ?? SYSTEM_LLM_USER };
    });

  const checkOne = async (): Promise<boolean> => {
    const em = options.orm.em.fork();
    const claimed = await claim(em);
    if (!claimed) return false;
    const { item, userId } = claimed;
    try {
      const scores = await options.classifier.classify({ kind: item.kind, text: item.text, userId, campaignId: item.campaignId });
      await em.fork().transactional(async (tx) => {
        const row = await tx.findOne(ContentItem, { id: item.id, checkStatus: 'PENDING' }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) return;
        const now = clock();
        row.scores = scores;
        row.checkStatus = 'DONE';
        row.checkedAt = now;
        row.nextCheckAt = null;
        row.checkAttempts += 1;
        const detections = applyThresholds(scores, await loadThresholds(tx));
        await actOnFindings(tx, row, detections.map((d) => ({ source: 'CLASSIFIER', category: d.category, score: d.score, ruleId: null, hide: d.hide })), now);
      });
      options.afterCommit();
    } catch (error) {
      const attempts = item.checkAttempts + 1;
      const failed = attempts >= MAX_CHECK_ATTEMPTS;
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1));
      logger.warn(failed ? 'content classification failed for good' : 'content classification failed; will retry', { contentId: item.id, attempts, retryInMs: failed ? null : delay, error });
      await em.fork().nativeUpdate(
        ContentItem,
        { id: item.id, checkStatus: 'PENDING' },
        failed ? { checkAttempts: attempts, checkStatus: 'FAILED', nextCheckAt: null } : { checkAttempts: attempts, nextCheckAt: new Date(clock().getTime() + delay) },
      );
    }
    return true;
  };

  const drain = async (): Promise<number> => {
    let checked = 0;
    const lane = async () => {
      for (let i = 0; i < 100 && !stopped; i++) {
        if (!(await checkOne())) return;
        checked++;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, lane));
    return checked;
  };

  const runOnce = () => {
    running ??= drain().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        tick();
      }
    });
    return running;
  };
  const tick = () => {
    if (stopped) return;
    if (running) again = true;
    else void runOnce().catch((error) => logger.warn('classifier worker error', { error }));
  };
  const timer = setInterval(tick, options.intervalMs ?? 2_000);
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
