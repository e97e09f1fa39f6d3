import type { EntityManager } from '@startales/kit';
import { lockKey, one, run } from './sql.ts';
import { FunnelStepKind, recordStep } from './users.ts';

/** Serialises every event about one campaign (GAME and DOMAIN consumers both take it, campaign first, user second). */
export function lockCampaign(em: EntityManager, campaignId: string): Promise<void> {
  return lockKey(em, `analytics:campaign:${campaignId}`);
}

export interface CampaignPatch {
  ownerId?: string | null;
  tier?: string | null;
  createdAt?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  cancelledAt?: string | null;
  cancelledFrom?: string | null;
}

/** Merges what one event says about a campaign: instants keep the earliest report (`least` ignores nulls). */
export async function upsertCampaign(em: EntityManager, campaignId: string, patch: CampaignPatch): Promise<void> {
  await run(
    em,
    `insert into analytics.campaign_dim (campaign_id, owner_id, tier, created_at, started_at, completed_at, cancelled_at, cancelled_from)
     values (?, ?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?)
     on conflict (campaign_id) do update set
       owner_id = coalesce(campaign_dim.owner_id, excluded.owner_id),
       tier = coalesce(excluded.tier, campaign_dim.tier),
       created_at = least(campaign_dim.created_at, excluded.created_at),
       started_at = least(campaign_dim.started_at, excluded.started_at),
       completed_at = least(campaign_dim.completed_at, excluded.completed_at),
       cancelled_at = least(campaign_dim.cancelled_at, excluded.cancelled_at),
       cancelled_from = coalesce(campaign_dim.cancelled_from, excluded.cancelled_from)`,
    [
      campaignId,
      patch.ownerId ?? null,
      patch.tier ?? null,
      patch.createdAt ?? null,
      patch.startedAt ?? null,
      patch.completedAt ?? null,
      patch.cancelledAt ?? null,
      patch.cancelledFrom ?? null,
    ],
  );
}

/** The campaign completed: every player still in it (or who left after the end) reaches the funnel's last step. */
export async function markCompleted(em: EntityManager, campaignId: string, at: string): Promise<void> {
  await upsertCampaign(em, campaignId, { completedAt: at });
  await run(
    em,
    `insert into analytics.funnel_step (user_id, step, ref, occurred_at)
     select m.user_id, ?, m.campaign_id, c.completed_at
       from analytics.campaign_member m join analytics.campaign_dim c on c.campaign_id = m.campaign_id
      where m.campaign_id = ? and (m.left_at is null or m.left_at >= c.completed_at)
     on conflict (user_id, step, ref) do update set occurred_at = least(funnel_step.occurred_at, excluded.occurred_at)`,
    [FunnelStepKind.COMPLETED, campaignId],
  );
}

/** `game.player_joined`: a player of the campaign (a join after a leave means they are back). */
export async function addMember(em: EntityManager, campaignId: string, userId: string, at: string): Promise<void> {
  // a leave processed before this (earlier) join still stands; a player who left before the end did not complete it
  const row = await one<{ completed_at: string | null }>(
    em,
    `with m as (
       insert into analytics.campaign_member (campaign_id, user_id, joined_at, left_at) values (?, ?, ?::timestamptz, null)
       on conflict (campaign_id, user_id) do update set joined_at = least(campaign_member.joined_at, excluded.joined_at),
         left_at = case when campaign_member.left_at <= excluded.joined_at then null else campaign_member.left_at end
       returning left_at)
     select to_char(c.completed_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as completed_at
       from m join analytics.campaign_dim c on c.campaign_id = ? where m.left_at is null or m.left_at >= c.completed_at`,
    [campaignId, userId, at, campaignId],
  );
  if (row?.completed_at) await recordStep(em, userId, FunnelStepKind.COMPLETED, campaignId, row.completed_at);
}

/** `game.player_left`: a player who leaves before the end does not complete the campaign. */
export async function removeMember(em: EntityManager, campaignId: string, userId: string, at: string): Promise<void> {
  await run(
    em,
    `insert into analytics.campaign_member (campaign_id, user_id, joined_at, left_at) values (?, ?, ?::timestamptz, ?::timestamptz)
     on conflict (campaign_id, user_id) do update set left_at = greatest(campaign_member.left_at, excluded.left_at)`,
    [campaignId, userId, at, at],
  );
  await run(
    em,
    `delete from analytics.funnel_step f using analytics.campaign_dim c
      where f.user_id = ? and f.step = ? and f.ref = ? and c.campaign_id = f.ref and c.completed_at > ?::timestamptz`,
    [userId, FunnelStepKind.COMPLETED, campaignId, at],
  );
}
