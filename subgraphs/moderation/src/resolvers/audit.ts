import type { RequestContext } from '@startales/kit';
import type { AuditEntry } from '../entities/audit-entry.entity.ts';
import { actorRef, admin } from '../modules/common/access.ts';
import type { PageArgs } from '../modules/common/connection.ts';
import { listAudit, type AuditFilter } from '../modules/audit/service.ts';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The audit log: read-only by construction (no mutation exists), admins only. */
export function createAuditResolvers() {
  return {
    Query: {
      moderationAuditLog: (_: unknown, args: PageArgs & { filter?: AuditFilter }, ctx: RequestContext) => {
        admin(ctx);
        return listAudit(ctx.em, args.filter, args);
      },
    },
    ModerationAuditEntry: {
      actorUser: (e: AuditEntry) => actorRef(e.actor),
      before: (e: AuditEntry) => json(e.before),
      after: (e: AuditEntry) => json(e.after),
    },
  };
}
