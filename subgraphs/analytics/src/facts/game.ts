import { GameEvent, type EventEnvelope } from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { one, run } from './sql.ts';
import { addMember, lockCampaign, markCompleted, removeMember, upsertCampaign } from './campaigns.ts';
import { recordActivity } from './users.ts';
import { isoOrUndefined } from './time.ts';

type Data = Record<string, unknown>;

/** The payload fields a game fact keeps: never free text (actions, narration, prose), handles or titles. */
const KEEP: Record<string, readonly string[]> = {
  [GameEvent.CAMPAIGN_OPENED]: ['mode', 'llmTier', 'lengthWeeks', 'playHoursPerWeek', 'maxPlayers', 'difficulty', 'ownerId'],
  [GameEvent.PLAYER_LEFT]: ['reason'],
  [GameEvent.SESSION_STARTED]: ['index'],
  [GameEvent.SESSION_ENDED]: ['index'],
  [GameEvent.ACTION_SUBMITTED]: ['actionId'],
  [GameEvent.NARRATION_RECORDED]: ['turn', 'model', 'costMicros'],
};

function keep(type: string, data: Data): Data {
  return Object.fromEntries((KEEP[type] ?? []).filter((k) => data[k] !== undefined).map((k) => [k, data[k]]));
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
const ACTION = GameEvent.ACTION_SUBMITTED;

/**
 * Applies one GAME stream event: its fact (once per event id), the campaign's lifecycle and roster, session timing,
 * player actions attributed to the session open at the time, and the player's activity for retention.
 */
export async function applyGameEvent(em: EntityManager, event: EventEnvelope, subject: string): Promise<void> {
  const data = (event.data ?? {}) as Data;
  // `game.<campaignId>.<kind>` (possibly namespaced): the campaign id is the segment after `game`
  const segments = subject.split('.');
  const campaignId = str(data.campaignId) ?? segments[segments.indexOf('game') + 1];
  if (!campaignId) return;
  const at = isoOrUndefined(event.occurredAt) ?? new Date().toISOString();
  const userId = str(data.userId) ?? null;
  await lockCampaign(em, campaignId);
  const inserted = await run(
    em,
    `insert into analytics.game_event_fact (id, occurred_at, type, campaign_id, user_id, session_index, data)
     values (?, ?::timestamptz, ?, ?, ?, null, ?::jsonb) on conflict (id, occurred_at) do nothing`,
    [event.id, at, event.type.slice(0, 64), campaignId.slice(0, 64), userId, JSON.stringify(keep(event.type, data))],
  );
  if (!inserted) return;

  switch (event.type) {
    case GameEvent.CAMPAIGN_OPENED:
      await upsertCampaign(em, campaignId, { tier: str(data.llmTier) ?? null, ownerId: str(data.ownerId) ?? null });
      break;
    case GameEvent.PLAYER_JOINED:
      if (userId) await addMember(em, campaignId, userId, at);
      break;
    case GameEvent.PLAYER_LEFT:
      if (userId) await removeMember(em, campaignId, userId, at);
      break;
    case GameEvent.SESSION_STARTED:
      if (typeof data.index === 'number') await sessionStarted(em, campaignId, data.index, at);
      break;
    case GameEvent.SESSION_ENDED:
      if (typeof data.index === 'number') await sessionEnded(em, campaignId, data.index, at);
      break;
    case GameEvent.ACTION_SUBMITTED:
      await attributeAction(em, campaignId, event.id, at);
      break;
    case GameEvent.CAMPAIGN_COMPLETED:
      await markCompleted(em, campaignId, at);
      break;
    case GameEvent.CAMPAIGN_CANCELLED:
      await upsertCampaign(em, campaignId, { cancelledAt: at });
      break;
  }
  // campaign lock first, user lock second (the order every handler follows)
  if (event.type === ACTION && userId) await recordActivity(em, userId, at);
}

/** The session of the campaign open at `at` (started, not yet ended), if any. */
async function openSession(em: EntityManager, campaignId: string, at: string): Promise<number | undefined> {
  const row = await one<{ session_index: number }>(
    em,
    `select session_index from analytics.game_session
      where campaign_id = ? and started_at <= ?::timestamptz and (ended_at is null or ended_at > ?::timestamptz)
      order by started_at desc limit 1`,
    [campaignId, at, at],
  );
  return row?.session_index;
}

async function attributeAction(em: EntityManager, campaignId: string, eventId: string, at: string): Promise<void> {
  const index = await openSession(em, campaignId, at);
  if (index === undefined) return; // between sessions, or the session's start has not arrived yet (reattributed then)
  const fact = await one<{ user_id: string | null }>(
    em,
    'update analytics.game_event_fact set session_index = ? where id = ? and occurred_at = ?::timestamptz returning user_id',
    [index, eventId, at],
  );
  await run(em, 'update analytics.game_session set actions = actions + 1 where campaign_id = ? and session_index = ?', [campaignId, index]);
  if (fact?.user_id) {
    await run(
      em,
      `insert into analytics.session_participation (campaign_id, session_index, user_id, actions) values (?, ?, ?, 1)
       on conflict (campaign_id, session_index, user_id) do update set actions = session_participation.actions + 1`,
      [campaignId, index, fact.user_id],
    );
  }
}

async function sessionStarted(em: EntityManager, campaignId: string, index: number, at: string): Promise<void> {
  await run(
    em,
    `insert into analytics.game_session (campaign_id, session_index, started_at) values (?, ?, ?::timestamptz)
     on conflict (campaign_id, session_index) do update set started_at = least(game_session.started_at, excluded.started_at)`,
    [campaignId, index, at],
  );
  // normally actions follow their session's start; ones that arrived first are attributed now
  const early = await one(
    em,
    `select 1 as x from analytics.game_event_fact where campaign_id = ? and type = ? and occurred_at >= ?::timestamptz
        and session_index is distinct from ? limit 1`,
    [campaignId, ACTION, at, index],
  );
  if (early) await reattribute(em, campaignId);
}

async function sessionEnded(em: EntityManager, campaignId: string, index: number, at: string): Promise<void> {
  await run(
    em,
    `insert into analytics.game_session (campaign_id, session_index, ended_at) values (?, ?, ?::timestamptz)
     on conflict (campaign_id, session_index) do update set ended_at = least(game_session.ended_at, excluded.ended_at)`,
    [campaignId, index, at],
  );
  const late = await one(
    em,
    'select 1 as x from analytics.game_event_fact where campaign_id = ? and type = ? and session_index = ? and occurred_at >= ?::timestamptz limit 1',
    [campaignId, ACTION, index, at],
  );
  if (late) await reattribute(em, campaignId);
}

/** Recomputes a campaign's action → session attribution and its session rollups from its facts (out-of-order path). */
async function reattribute(em: EntityManager, campaignId: string): Promise<void> {
  await run(
    em,
    `update analytics.game_event_fact a set session_index = (
        select s.session_index from analytics.game_session s
         where s.campaign_id = a.campaign_id and s.started_at <= a.occurred_at and (s.ended_at is null or s.ended_at > a.occurred_at)
         order by s.started_at desc limit 1)
      where a.campaign_id = ? and a.type = ?`,
    [campaignId, ACTION],
  );
  await run(
    em,
    `update analytics.game_session s set actions = coalesce((
        select count(*) from analytics.game_event_fact a where a.campaign_id = s.campaign_id and a.type = ? and a.session_index = s.session_index), 0)
      where s.campaign_id = ?`,
    [ACTION, campaignId],
  );
  await run(em, 'delete from analytics.session_participation where campaign_id = ?', [campaignId]);
  await run(
    em,
    `insert into analytics.session_participation (campaign_id, session_index, user_id, actions)
     select campaign_id, session_index, user_id, count(*) from analytics.game_event_fact
      where campaign_id = ? and type = ? and session_index is not null and user_id is not null
      group by campaign_id, session_index, user_id`,
    [campaignId, ACTION],
  );
}
