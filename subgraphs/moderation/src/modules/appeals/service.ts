import { LockMode } from '@mikro-orm/core';
import { DomainEvent, ErrorCode, Role, type ModerationActionRevokedData } from '@startales/contracts';
import { AppError, ForbiddenError, NotFoundError, enqueueDomainEvent, isUniqueViolation, type EntityManager, type Principal } from '@startales/kit';
import { Appeal, APPEAL_STATUSES, ModerationAction, type AppealStatus } from '../../entities/action.entity.ts';
import { AuditAction, recordAudit } from '../audit/service.ts';
import { newestFirst, type PageArgs } from '../common/connection.ts';
import { parseEnum, parseId, parseText } from '../common/input.ts';
import { appealClosesAt } from '../actions/policy.ts';

export const APPEAL_DECISIONS = ['GRANT', 'DENY'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

const alreadyAppealed = () => new AppError(ErrorCode.ALREADY_APPEALED, 'This action has already been appealed', 409);

/**
 * Appeals: the affected player appeals an action once, within six months; a moderator other than the one who
 * took it decides. Granting revokes the action (`domain.moderation.action_revoked`) and its strikes.
 */
export function createAppealService(options: { clock: () => Date; afterCommit: () => void }) {
  const { clock } = options;
  return {
    async appeal(em: EntityManager, by: Principal, rawActionId: unknown, rawStatement: unknown): Promise<Appeal> {
      const actionId = parseId(rawActionId, 'actionId');
      const statement = parseText(rawStatement, 'statement', { min: 10, max: 2000 });
      const action = await em.findOne(ModerationAction, { id: actionId });
      // someone else's action is "not found": its existence is none of the caller's business
      if (!action || action.userId !== by.userId) throw new NotFoundError('No such action');
      if (action.revokedAt) throw new AppError(ErrorCode.CONFLICT, 'This action has already been lifted', 409);
      const now = clock();
      const closesAt = appealClosesAt(action);
      if (now > closesAt) throw new AppError(ErrorCode.APPEAL_WINDOW_CLOSED, 'Actions can be appealed for six months; this window has closed', 422, { closedAt: closesAt.toISOString() });
      if ((await em.count(Appeal, { actionId })) > 0) throw alreadyAppealed();
      try {
        return await em.transactional(async (tx) =>
          tx.create(Appeal, { id: Bun.randomUUIDv7(), actionId, userId: by.userId, statement, status: 'PENDING', deciderId: null, decisionNote: null, createdAt: now, decidedAt: null }),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyAppealed();
        throw error;
      }
    },

    async decide(em: EntityManager, by: Principal, rawId: unknown, rawDecision: unknown, rawNote: unknown): Promise<Appeal> {
      const id = parseId(rawId, 'id');
      const decision = parseEnum(rawDecision, APPEAL_DECISIONS, 'decision');
      const note = parseText(rawNote, 'note', { min: 10, max: 2000 });
      const appeal = await em.transactional(async (tx) => {
        const a = await tx.findOne(Appeal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!a) throw new NotFoundError('No such appeal');
        if (a.status !== 'PENDING') throw new AppError(ErrorCode.CONFLICT, `The appeal was already ${a.status.toLowerCase()}`, 409, { status: a.status });
        const action = await tx.findOneOrFail(ModerationAction, { id: a.actionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (a.userId === by.userId) throw new ForbiddenError('You cannot decide your own appeal');
        // an escalation carries the moderator whose action triggered it, so they are excluded from both
        if (action.moderatorId === by.userId) throw new AppError(ErrorCode.SAME_MODERATOR, 'The moderator who took the action cannot decide its appeal', 403);
        if (action.type === 'BAN' && !by.roles.includes(Role.ADMIN)) throw new ForbiddenError('Only admins decide appeals of a ban');
        const now = clock();
        a.status = decision === 'GRANT' ? 'GRANTED' : 'DENIED';
        a.deciderId = by.userId;
        a.decisionNote = note;
        a.decidedAt = now;
        recordAudit(tx, { actor: by.userId, action: AuditAction.APPEAL_DECIDED, targetType: 'appeal', targetId: a.id, before: { status: 'PENDING' }, after: { status: a.status, actionId: action.id } }, now);
        if (decision === 'GRANT' && !action.revokedAt) {
          action.revokedAt = now;
          action.revokeReason = 'appeal_granted';
          enqueueDomainEvent<ModerationActionRevokedData>(
            tx,
            DomainEvent.MODERATION_ACTION_REVOKED,
            { actionId: action.id, type: action.type, userId: action.userId, campaignId: action.campaignId ?? null, reason: 'appeal_granted', revokedAt: now.toISOString() },
            by.userId,
          );
          recordAudit(tx, { actor: by.userId, action: AuditAction.ACTION_REVOKED, targetType: 'action', targetId: action.id, before: { revokedAt: null }, after: { revokedAt: now.toISOString(), reason: 'appeal_granted', appealId: a.id } }, now);
        }
        return a;
      });
      options.afterCommit();
      return appeal;
    },

    forAction: (em: EntityManager, actionId: string) => em.findOne(Appeal, { actionId }),
    get: (em: EntityManager, id: string) => em.findOne(Appeal, { id }),

    /** The appeal queue (default: PENDING), newest first. */
    list(em: EntityManager, rawStatus: unknown, args: PageArgs) {
      const status: AppealStatus = parseEnum(rawStatus ?? 'PENDING', APPEAL_STATUSES, 'status');
      return newestFirst(em, Appeal, { status }, args);
    },
  };
}
export type AppealService = ReturnType<typeof createAppealService>;
