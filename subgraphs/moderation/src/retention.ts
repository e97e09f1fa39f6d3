import { processedEventRetention, type EntityManager, type RetentionRule } from '@startales/kit';
import { AUDIT_MIN_RETENTION_DAYS } from './entities/audit-entry.entity.ts';

const exec = async (em: EntityManager, sql: string, params: unknown[]): Promise<number> =>
  ((await em.execute(sql, params as never[], 'run')) as unknown as { affectedRows: number }).affectedRows;

/**
 * When an action stopped mattering: revoked, or expired, or (warnings, removals, kicks: no duration) when taken. A
 * permanent ban still in force never ends, so it is never aged out.
 */
const ACTION_ENDED = `(revoked_at < ? or (revoked_at is null and expires_at < ?) or (revoked_at is null and expires_at is null and type <> 'BAN' and created_at < ?))`;

/**
 * What moderation ages out (limits from `RETENTION_USER_DAYS` / `RETENTION_CAMPAIGN_DAYS` / `RETENTION_LOG_DAYS`).
 *
 * Safety records are user data (7 years): actions (with their appeals) once ended that long ago; closed cases (with
 * their notes, flags and reports) once no remaining action points at them; reports that never joined a case.
 *
 * The audit log is append-only (issue #7): the database refuses UPDATE and TRUNCATE, and DELETE of any entry younger
 * than 7 years ({@link AUDIT_MIN_RETENTION_DAYS} days, a floor in the trigger itself). Its retention rule is the only
 * delete path: entries older than the user-data limit go, but never younger than that floor, so a shorter
 * `RETENTION_USER_DAYS` (or a wrong clock in the job) cannot cut the audit trail short.
 *
 * Game content mirrored for checks (player messages, AI output) is campaign data (2 years), except what a flag or an
 * action still cites as evidence or an open case is about; it goes once those records have aged out.
 */
export const retentionRules: RetentionRule[] = [
  processedEventRetention,
  {
    name: 'actions-ended',
    category: 'user',
    run: async (em, cutoff) => {
      const ended = `select id from "moderation"."moderation_action" where ${ACTION_ENDED}`;
      const appeals = await exec(em, `delete from "moderation"."moderation_appeal" where action_id in (${ended})`, [cutoff, cutoff, cutoff]);
      return appeals + (await exec(em, `delete from "moderation"."moderation_action" where ${ACTION_ENDED}`, [cutoff, cutoff, cutoff]));
    },
  },
  {
    name: 'cases-closed',
    category: 'user',
    run: async (em, cutoff) => {
      const closed = `select c.id from "moderation"."moderation_case" c where c.status <> 'OPEN' and c.closed_at < ?
        and not exists (select 1 from "moderation"."moderation_action" a where a.case_id = c.id)`;
      let total = 0;
      for (const [table, column] of [['moderation_case_note', 'case_id'], ['moderation_flag', 'case_id'], ['report', 'case_id'], ['moderation_case', 'id']] as const) {
        total += await exec(em, `delete from "moderation"."${table}" where ${column} in (${closed})`, [cutoff]);
      }
      return total;
    },
  },
  { name: 'reports-without-case', category: 'user', table: 'report', column: 'created_at', where: 'case_id is null' },
  {
    name: 'audit-log',
    category: 'user',
    run: (em, cutoff) =>
      exec(em, `delete from "moderation"."moderation_audit_log" where created_at < least(?::timestamptz, now() - interval '${AUDIT_MIN_RETENTION_DAYS} days')`, [cutoff]),
  },
  {
    name: 'content',
    category: 'campaign',
    run: (em, cutoff) =>
      exec(
        em,
        `delete from "moderation"."content_item" i where i.occurred_at < ?
           and not exists (select 1 from "moderation"."moderation_flag" f where f.content_id = i.id)
           and not exists (select 1 from "moderation"."moderation_action" a where a.content_id = i.id)
           and not exists (select 1 from "moderation"."moderation_case" c where c.subject_id = i.id and c.status = 'OPEN')`,
        [cutoff],
      ),
  },
];
