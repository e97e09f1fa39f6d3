import { processedEventRetention, type EntityManager, type ObjectStorage, type RetentionRule } from '@startales/kit';
import { AUDIT_MIN_RETENTION_DAYS } from './modules/account/entities/audit-log.entity.ts';
import { characterImageRetention } from './modules/characters/retention.ts';

const exec = async (em: EntityManager, sql: string, params: unknown[]): Promise<number> =>
  ((await em.execute(sql, params as never[], 'run')) as unknown as { affectedRows: number }).affectedRows;

/**
 * What the users service ages out (run by the retention CronJob or every `RETENTION_INTERVAL_HOURS`; limits from
 * `RETENTION_LOG_DAYS` / `RETENTION_USER_DAYS`).
 *
 * Logs (90 days after they stop mattering): sign-in throttle counters, consumer dedupe records, and credentials that
 * can no longer be used — email/reset tokens, sessions, MFA challenges and OAuth flows by their expiry, used recovery
 * codes, revoked or expired API keys — plus sent and given-up mail, and data exports by their expiry (the archive
 * parts of an export nobody downloaded go with it), and character-portrait attempts that are not a portrait (refused,
 * failed, abandoned, or removed by the player) with any object they left in storage. Portraits themselves (READY,
 * chosen or not) are user data that stays while the account exists.
 *
 * User data (7 years): ended account sanctions (moderation keeps its own records), the records of completed erasures,
 * and the audit log of privileged changes. That log is append-only (a trigger refuses UPDATE, and DELETE of entries
 * younger than {@link AUDIT_MIN_RETENTION_DAYS} days): a security record rather than an operational log, it keeps the
 * user-data limit, and its rule never asks for younger entries even when `RETENTION_USER_DAYS` is set shorter.
 *
 * Accounts themselves are not aged out: an erased account is already anonymised (the row stays because other
 * services' records point at its id), and a live one has no last-activity mark to age it by; deleting inactive
 * accounts would need a notice to their owners first.
 *
 * `deps.storage` is the service's object storage (where portraits live); without it only the rows go (erasure still
 * sweeps everything under a user's prefix).
 */
export const createRetentionRules = (deps: { storage?: ObjectStorage }): RetentionRule[] => [
  processedEventRetention,
  { name: 'auth-throttle', category: 'log', table: 'auth_throttle', column: 'last_attempt_at' },
  { name: 'account-tokens', category: 'log', table: 'account_token', column: 'expires_at' },
  // a revoked session stays until it expires: a replayed token of a revoked family is recognised until then
  { name: 'refresh-tokens', category: 'log', table: 'refresh_token', column: 'expires_at' },
  { name: 'mfa-challenges', category: 'log', table: 'mfa_challenge', column: 'expires_at' },
  { name: 'mfa-recovery-codes-used', category: 'log', table: 'mfa_recovery_code', column: 'used_at' },
  { name: 'oauth-flows', category: 'log', table: 'oauth_flow', column: 'expires_at' },
  { name: 'api-keys-revoked', category: 'log', table: 'api_key', column: 'revoked_at' },
  { name: 'api-keys-expired', category: 'log', table: 'api_key', column: 'expires_at' },
  { name: 'mail-sent', category: 'log', table: 'mail_message', column: 'sent_at' },
  { name: 'mail-failed', category: 'log', table: 'mail_message', column: 'failed_at' },
  {
    name: 'data-exports',
    category: 'log',
    run: async (em, cutoff) => {
      const parts = await exec(
        em,
        `delete from "users"."data_export_part" p using "users"."data_export" e where p.export_id = e.id and e.expires_at < ?`,
        [cutoff],
      );
      return parts + (await exec(em, `delete from "users"."data_export" where expires_at < ?`, [cutoff]));
    },
  },
  characterImageRetention(deps.storage),
  { name: 'sanctions-revoked', category: 'user', table: 'account_sanction', column: 'revoked_at' },
  { name: 'sanctions-expired', category: 'user', table: 'account_sanction', column: 'expires_at' },
  {
    name: 'audit-log',
    category: 'user',
    run: (em, cutoff) =>
      exec(em, `delete from "users"."audit_log" where created_at < least(?::timestamptz, now() - interval '${AUDIT_MIN_RETENTION_DAYS} days')`, [cutoff]),
  },
  {
    name: 'erasure-records',
    category: 'user',
    run: async (em, cutoff) => {
      const acks = await exec(
        em,
        `delete from "users"."erasure_ack" a using "users"."erasure" e where a.user_id = e.user_id and e.completed_at < ?`,
        [cutoff],
      );
      return acks + (await exec(em, `delete from "users"."erasure" where completed_at < ?`, [cutoff]));
    },
  },
];
