import { GameEvent, GameSubjectKind, gameSubject, type EventEnvelope, type PlayerSanctionedData, type PlayerSanctionLiftedData } from '@startales/contracts';
import { createEnvelope, type Bus, type Logger } from '@startales/kit';
import { sanctionsOf } from '../game/sanctions.ts';
import type { CampaignState } from '../game/state.ts';
import { deterministicUuidV7 } from '../ids.ts';
import type { SanctionEntry, SanctionStore } from './store.ts';

const ACTOR = 'service:gamehost';

/**
 * The events that bring a campaign's state in line with the sanctions: PLAYER_SANCTIONED for a sanction of the
 * campaign (or a platform-wide mute of one of its active players) that is in force and not yet in the state, and
 * PLAYER_SANCTION_LIFTED for one in the state that was revoked. Ids are derived from (campaign, action), so two
 * hosts (or two passes) publish one message, and the reducer ignores a sanction it already has.
 */
export function sanctionEvents(state: CampaignState, entries: Iterable<SanctionEntry>, now: number): EventEnvelope[] {
  if (state.status !== 'scheduled' && state.status !== 'running') return [];
  const campaignId = state.campaignId;
  const have = new Set(sanctionsOf(state).map((x) => x.actionId));
  const active = new Set(state.players.filter((p) => p.active).map((p) => p.userId));
  const out: EventEnvelope[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.actionId)) continue;
    seen.add(e.actionId);
    if (e.campaignId !== null && e.campaignId !== campaignId) continue;
    if (e.revokedAt) {
      if (!have.has(e.actionId)) continue;
      const data: PlayerSanctionLiftedData = { campaignId, userId: e.userId, actionId: e.actionId, liftedAt: e.revokedAt };
      out.push({ ...createEnvelope(GameEvent.PLAYER_SANCTION_LIFTED, data, ACTOR), id: deterministicUuidV7(Date.parse(e.revokedAt) || 0, `${campaignId}:lifted:${e.actionId}`) });
      continue;
    }
    if (have.has(e.actionId)) continue;
    // platform-wide mutes reach the campaigns the player plays in (a later PLAYER_JOINED brings it in then)
    if (e.campaignId === null && !active.has(e.userId)) continue;
    if (e.type === 'MUTE' && e.expiresAt !== null && Date.parse(e.expiresAt) <= now) continue;
    const data: PlayerSanctionedData = { campaignId, userId: e.userId, actionId: e.actionId, type: e.type, scope: e.campaignId ? 'CAMPAIGN' : 'PLATFORM', startsAt: e.startsAt, expiresAt: e.expiresAt };
    out.push({ ...createEnvelope(GameEvent.PLAYER_SANCTIONED, data, ACTOR), id: deterministicUuidV7(Date.parse(e.startsAt) || 0, `${campaignId}:sanctioned:${e.actionId}`) });
  }
  return out;
}

/** The store entries that may concern a campaign: its own, its players' platform-wide ones, those in its state and those it tracks. */
export function entriesFor(store: SanctionStore, state: CampaignState): SanctionEntry[] {
  return [
    ...store.forCampaign(state.campaignId),
    ...state.players.flatMap((p) => store.platformFor(p.userId)),
    ...sanctionsOf(state).flatMap((x) => store.get(x.actionId) ?? []),
    ...store.trackedBy(state.campaignId),
  ];
}

/**
 * The revoked sanctions this campaign can let go of (see pruner.ts): revoked at least `graceMs` ago, tracked by the
 * campaign, and no longer in its state (the lift was applied, or it never got there).
 */
export function releasable(state: CampaignState, entries: Iterable<SanctionEntry>, now: number, graceMs: number): string[] {
  const held = new Set(sanctionsOf(state).map((x) => x.actionId));
  const out = new Set<string>();
  for (const e of entries) {
    if (!e.revokedAt || held.has(e.actionId) || !e.campaigns?.includes(state.campaignId)) continue;
    const revoked = Date.parse(e.revokedAt);
    if (!Number.isNaN(revoked) && revoked + graceMs <= now) out.add(e.actionId);
  }
  return [...out];
}

/**
 * Puts sanctions on the streams of the campaigns this host owns. Only a caught-up lease holder reconciles (it has
 * applied everything, so what is missing from its state is really missing); a message it published is not published
 * again for a few seconds while it travels back through the consumer. Before it publishes a sanction it records the
 * campaign on the entry (so the entry is not pruned while a lift may still be due there), and once a revoked one has
 * left the state for `graceMs` it takes the campaign off again.
 */
export function createSanctionEnforcer(options: { bus: Bus; store: SanctionStore; logger: Logger; now: () => number; graceMs: number }) {
  const { bus, store, logger } = options;
  const sent = new Map<string, number>();
  return {
    async reconcile(state: CampaignState): Promise<number> {
      const now = options.now();
      const campaignId = state.campaignId;
      const entries = entriesFor(store, state);
      let published = 0;
      for (const envelope of sanctionEvents(state, entries, now)) {
        const last = sent.get(envelope.id);
        if (last !== undefined && performance.now() - last < 5000) continue;
        sent.set(envelope.id, performance.now());
        try {
          if (envelope.type === GameEvent.PLAYER_SANCTIONED) {
            const actionId = (envelope.data as PlayerSanctionedData).actionId;
            // write-ahead: the entry names this campaign before its stream can hold the sanction
            if (!store.get(actionId)?.campaigns?.includes(campaignId) && !(await store.track(actionId, campaignId))) {
              sent.delete(envelope.id);
              continue;
            }
          }
          await bus.publish(gameSubject(campaignId, GameSubjectKind.LIFECYCLE), envelope);
          published++;
        } catch (error) {
          sent.delete(envelope.id);
          logger.warn('publishing a sanction failed; retried on the next change', { campaignId, type: envelope.type, error });
        }
      }
      for (const actionId of releasable(state, entries, now, options.graceMs)) {
        await store.untrack(actionId, campaignId).catch((error) => logger.warn('releasing a sanction failed; retried on the next scan', { campaignId, actionId, error }));
      }
      if (sent.size > 10_000) for (const [id, at] of sent) if (performance.now() - at >= 5000) sent.delete(id);
      return published;
    },
  };
}
export type SanctionEnforcer = ReturnType<typeof createSanctionEnforcer>;
