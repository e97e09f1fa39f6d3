import { defineEntity, p } from '@mikro-orm/core';

/**
 * Append-only record of privileged changes (a database trigger refuses UPDATE and DELETE). `actor` is the user id
 * of whoever did it, or `system:cli` for the command line; `before`/`after` hold the changed state (e.g. roles).
 */
export const AuditLogSchema = defineEntity({
  name: 'AuditLog',
  tableName: 'audit_log',
  // history cannot be rewritten or deleted, by this service or anyone else using its database role
  triggers: [
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'statement',
      body: `raise exception 'audit_log is append-only' using errcode = '42501'`,
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
