import { processedEventRetention, type EntityManager, type RetentionRule } from '@startales/kit';

const exec = async (em: EntityManager, sql: string, params: unknown[]): Promise<number> =>
  ((await em.execute(sql, params as never[], 'run')) as unknown as { affectedRows: number }).affectedRows;

/** Campaigns removed per round of the `campaigns-ended` rule (each round deletes their rows from every table). */
const CAMPAIGNS_PER_ROUND = 200;

/**
 * A finished campaign's end: when it reached COMPLETED or CANCELLED (rows from before `status_changed_at` existed fall
 * back to the scheduled end, then creation).
 */
const ENDED_AT = `coalesce(status_changed_at, ends_at, created_at)`;

/**
 * What campaigns ages out (limits from `RETENTION_CAMPAIGN_DAYS` / `RETENTION_USER_DAYS` / `RETENTION_LOG_DAYS`).
 *
 * Campaign data (2 years): a campaign COMPLETED or CANCELLED more than the limit ago goes with everything that hangs
 * off it — registrations, invitations, submitted-action receipts, matchmaking tickets matched into it — in one
 * transaction per round. Tickets that never matched (cancelled) go by their creation. Campaigns in any other state
 * (drafts included) are never aged out. Billing keeps its accounting records of the campaign (7 years), analytics its
 * aggregates.
 *
 * User data (7 years): the projection of moderation's mutes and kicks (`player_sanction`) once a sanction has ended —
 * revoked, or expired — that long ago, and a campaign-scoped sanction whose campaign is gone (aged out above, so it
 * can no longer apply) once it started that long ago. A sanction in force never goes: a kick of a campaign that still
 * exists, a mute without an end or not yet over. Moderation keeps its own record of every action.
 *
 * Logs (90 days): consumer dedupe records, and the tombstones of ended relationships in the projections of the users
 * service's events (unblocked pairs, disbanded parties), which only guard against out-of-order delivery.
 */
export const retentionRules: RetentionRule[] = [
  processedEventRetention,
  {
    name: 'campaigns-ended',
    category: 'campaign',
    run: async (em, cutoff) => {
      let total = 0;
      for (;;) {
        const rows = (await em.execute(
          `select id from "campaigns"."campaign" where status in ('COMPLETED', 'CANCELLED') and ${ENDED_AT} < ? order by id limit ${CAMPAIGNS_PER_ROUND}`,
          [cutoff],
          'all',
        )) as Array<{ id: string }>;
        if (!rows.length) return total;
        const ids = rows.map((r) => r.id);
        const list = ids.map(() => '?').join(', ');
        for (const table of ['registration', 'campaign_invitation', 'submitted_action', 'match_ticket']) {
          total += await exec(em, `delete from "campaigns"."${table}" where campaign_id in (${list})`, ids);
        }
        total += await exec(em, `delete from "campaigns"."campaign" where id in (${list})`, ids);
        if (rows.length < CAMPAIGNS_PER_ROUND) return total;
      }
    },
  },
  { name: 'match-tickets-cancelled', category: 'campaign', table: 'match_ticket', column: 'created_at', where: `status = 'CANCELLED'` },
  { name: 'block-view-lifted', category: 'log', table: 'block_view', column: 'updated_at', where: 'not active' },
  { name: 'party-view-disbanded', category: 'log', table: 'party_view', column: 'updated_at', where: 'disbanded' },
  { name: 'sanctions-revoked', category: 'user', table: 'player_sanction', column: 'revoked_at' },
  // expires_at older than the cutoff is in the past: the mute is over (a kick has none)
  { name: 'sanctions-expired', category: 'user', table: 'player_sanction', column: 'expires_at' },
  {
    name: 'sanctions-campaign-gone',
    category: 'user',
    table: 'player_sanction',
    column: 'starts_at',
    where: `campaign_id is not null and not exists (select 1 from "campaigns"."campaign" c where c.id = "player_sanction".campaign_id)`,
  },
];
