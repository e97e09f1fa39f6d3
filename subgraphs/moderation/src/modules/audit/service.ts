import type { EntityManager } from '@startales/kit';
import { AuditEntry } from '../../entities/audit-entry.entity.ts';
import { newestFirst, type PageArgs } from '../common/connection.ts';
import { parseOptionalId } from '../common/input.ts';

/** The actor recorded for what the service does on its own (automated hides, escalations). */
export const SYSTEM_ACTOR = 'service:moderation';

/** Names of audited actions (the `action` column). */
export const AuditAction = {
  CASE_ASSIGNED: 'case.assigned',
  CASE_UNASSIGNED: 'case.unassigned',
  CASE_TIER_CHANGED: 'case.tier_changed',
  CASE_NOTE_ADDED: 'case.note_added',
  CASE_RESOLVED: 'case.resolved',
  CASE_DISMISSED: 'case.dismissed',
  ACTION_TAKEN: 'action.taken',
  ACTION_ESCALATED: 'action.escalated',
  ACTION_REVOKED: 'action.revoked',
  APPEAL_DECIDED: 'appeal.decided',
  CONTENT_HIDDEN: 'content.hidden',
  RULE_CREATED: 'rule.created',
  RULE_UPDATED: 'rule.updated',
  RULE_DELETED: 'rule.deleted',
  THRESHOLD_SET: 'threshold.set',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export interface AuditRecord {
  actor: string;
  action: AuditAction;
  targetType: 'case' | 'action' | 'appeal' | 'content' | 'rule' | 'threshold';
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends an audit entry in the caller's transaction (the table refuses UPDATE, DELETE and TRUNCATE). */
export function recordAudit(em: EntityManager, record: AuditRecord, at: Date): AuditEntry {
  return em.create(AuditEntry, {
    id: Bun.randomUUIDv7(),
    actor: record.actor,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    createdAt: at,
  });
}

export interface AuditFilter {
  actorId?: string | null;
  targetId?: string | null;
  action?: string | null;
}

/** The audit log, newest first (admins only; checked by the resolver). */
export function listAudit(em: EntityManager, filter: AuditFilter | null | undefined, args: PageArgs) {
  const where: Record<string, unknown> = {};
  const actor = parseOptionalId(filter?.actorId, 'filter.actorId');
  const target = parseOptionalId(filter?.targetId, 'filter.targetId');
  if (actor) where.actor = actor;
  if (target) where.targetId = target;
  if (filter?.action) where.action = String(filter.action).slice(0, 64);
  return newestFirst(em, AuditEntry, where, args);
}
