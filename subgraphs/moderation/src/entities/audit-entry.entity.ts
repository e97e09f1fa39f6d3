import { defineEntity, p } from '@mikro-orm/core';

/** How long the database keeps an audit entry whatever the configuration says (7 years, the seed's user-data limit). */
export const AUDIT_MIN_RETENTION_DAYS = 2557;

/**
 * Append-only record of every moderator and admin action (and the automated ones): database triggers refuse UPDATE
 * and TRUNCATE, and DELETE of any entry younger than {@link AUDIT_MIN_RETENTION_DAYS} days, so only the retention
 * job (`src/retention.ts`) can ever remove entries, and only once they are 7 years old; the service has no other path
 * that would try. `before`/`after` hold the changed state as ids, types and statuses; free text about people
 * (statements, notes) stays in its own, erasable row.
 */
export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'moderation_audit_log',
  // TRUNCATE is refused too, by a trigger the migration creates by hand (information_schema, which the schema
  // diff reads, does not list TRUNCATE triggers)
  triggers: [
    {
      name: 'moderation_audit_log_append_only',
      timing: 'before',
      events: ['update'],
      forEach: 'statement',
      body: `raise exception 'moderation_audit_log is append-only' using errcode = '42501'`,
    },
    {
      // per row: a delete that would touch one entry younger than the floor fails as a whole
      name: 'moderation_audit_log_retention_floor',
      timing: 'before',
      events: ['delete'],
      forEach: 'row',
      body: `if old.created_at >= now() - interval '${AUDIT_MIN_RETENTION_DAYS} days' then raise exception 'moderation_audit_log is append-only (entries are kept ${AUDIT_MIN_RETENTION_DAYS} days)' using errcode = '42501'; end if; return old`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    /** A user id, or `service:moderation` for automated actions. */
    actor: p.string().length(64),
    action: p.string().length(64),
    targetType: p.string().length(32),
    targetId: p.string().length(64).index(),
    before: p.json<unknown>().nullable(),
    after: p.json<unknown>().nullable(),
    createdAt: p.datetime().index(),
  },
});

export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
