import { defineEntity, p } from '@mikro-orm/core';

/**
 * Append-only record of every moderator and admin action (and the automated ones): a database trigger refuses
 * UPDATE, DELETE and TRUNCATE, and the service has no path that would try. `before`/`after` hold the changed state
 * as ids, types and statuses; free text about people (statements, notes) stays in its own, erasable row.
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
      events: ['update', 'delete'],
      forEach: 'statement',
      body: `raise exception 'moderation_audit_log is append-only' using errcode = '42501'`,
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
