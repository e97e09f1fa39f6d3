import { metrics, type Logger } from '@startales/kit';
import type { CampaignStatus } from '../nats/directory.ts';
import type { SanctionEntry, SanctionStore } from './store.ts';

const pruned = metrics.counter('gamehost_sanctions_pruned_total', 'Sanction entries pruned from the sanctions bucket, by reason (revoked, expired, campaign_ended).', ['reason']);

export type PruneReason = 'revoked' | 'expired' | 'campaign_ended';

export interface PruneContext {
  now: number;
  /** How long a revoked or expired sanction is kept after it stopped applying. */
  graceMs: number;
  /** The campaign's registry status (undefined: unknown to the registry). */
  campaignStatus(campaignId: string): CampaignStatus | undefined;
}

/**
 * Why an entry may leave the sanctions bucket, or null to keep it:
 * - revoked more than `graceMs` ago, and no campaign that is still active may hold it on its stream (each owner
 *   takes its campaign off the entry once its state no longer holds the sanction, see enforcer.ts), so every lift
 *   that was due has been applied;
 * - a mute that expired more than `graceMs` ago (never revoked): an expired mute refuses nothing, and no owner
 *   publishes an expired one, so a copy left in a campaign's state is inert;
 * - a sanction of one campaign that has completed or been cancelled (the registry never reopens one).
 * A KICK or a mute still in force, of a campaign still going or platform-wide, is always kept.
 */
export function pruneReason(e: SanctionEntry, ctx: PruneContext): PruneReason | null {
  const over = (iso: string) => {
    const t = Date.parse(iso);
    return !Number.isNaN(t) && t + ctx.graceMs <= ctx.now;
  };
  const ended = (campaignId: string) => {
    const status = ctx.campaignStatus(campaignId);
    return status === 'completed' || status === 'cancelled';
  };
  if (e.campaignId !== null && ended(e.campaignId)) return 'campaign_ended';
  if (e.revokedAt !== null) return over(e.revokedAt) && e.campaigns !== undefined && e.campaigns.every(ended) ? 'revoked' : null;
  if (e.type === 'MUTE' && e.expiresAt !== null && over(e.expiresAt)) return 'expired';
  return null;
}

/**
 * One pruning pass over the sanctions bucket (run by one host, see host.ts): tombstones and purges each entry
 * `pruneReason` lets go, then sweeps the purge markers older than `markerAgeMs`. Safe to run on two hosts at once:
 * each purge is compare-and-set against the revision that was judged.
 */
export async function pruneSanctions(options: { store: SanctionStore; ctx: PruneContext; markerAgeMs: number; logger: Logger }): Promise<number> {
  const { store, ctx, logger } = options;
  let count = 0;
  for (const e of store.all()) {
    const reason = pruneReason(e, ctx);
    if (!reason) continue;
    if (await store.prune(e.actionId, reason, ctx.now)) {
      pruned.inc({ reason });
      count++;
      logger.debug('sanction pruned', { actionId: e.actionId, reason });
    }
  }
  await store.sweepMarkers(options.markerAgeMs);
  return count;
}
