import { defineEntity, p } from '@mikro-orm/core';

/** How long the database keeps an audit entry whatever the configuration says (7 years, the seed's user-data limit). */
export const AUDIT_MIN_RETENTION_DAYS = 2557;

/**
 * Append-only record of privileged changes: database triggers refuse UPDATE, and DELETE of any entry younger than
 * {@link AUDIT_MIN_RETENTION_DAYS} days (only the retention job, `src/retention.ts`, deletes, and only older entries).
 * `actor` is the user id of whoever did it, or `system:cli` for the command line; `before`/`after` hold the changed
 * state (e.g. roles).
 */
export const AuditLogSchema = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  // history cannot be rewritten, nor deleted before the floor, by this service or anyone else using its database role
  triggers: [
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update'],
      forEach: 'statement',
      body: `raise exception 'audit_log is append-only' using errcode = '42501'`,
    },
    {
      // per row: a delete that would touch one entry younger than the floor fails as a whole
      name: 'audit_log_retention_floor',
      timing: 'before',
      events: ['delete'],
      forEach: 'row',
      body: `if old.created_at >= now() - interval '${AUDIT_MIN_RETENTION_DAYS} days' then raise exception 'audit_log is append-only (entries are kept ${AUDIT_MIN_RETENTION_DAYS} days)' using errcode = '42501'; end if; return old`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    actor: p.string().length(64),
    action: p.string().length(64),
    targetType: p.string().length(32),
    targetId: p.string().length(64).index(),
    before: p.json<unknown>().nullable(),
    after: p.json<unknown>().nullable(),
    createdAt: p.datetime().index(),
  },
});

export class AuditLog extends AuditLogSchema.class {}
AuditLogSchema.setClass(AuditLog);
