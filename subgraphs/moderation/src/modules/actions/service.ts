import { LockMode } from '@mikro-orm/core';
import { DomainEvent, MODERATION_ACTION_TYPES, Role, type ModerationActionData, type ModerationActionType, type ModerationCategory } from '@startales/contracts';
import { ForbiddenError, InputError, NotFoundError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { ModerationAction, POLICIES, type Policy } from '../../entities/action.entity.ts';
import { ModerationCase } from '../../entities/case.entity.ts';
import { ContentItem } from '../../entities/content-item.entity.ts';
import { AuditAction, SYSTEM_ACTOR, recordAudit } from '../audit/service.ts';
import { newestFirst, type PageArgs } from '../common/connection.ts';
import { parseEnum, parseId, parseOptionalId, parseText } from '../common/input.ts';
import { assertMayClose, caseClosedError, caseNotFound, closeCase } from '../cases/service.ts';
import { hideContent } from '../content/service.ts';
import { CAMPAIGN_SCOPED, DURATION_LIMITS, STRIKE_TTL_MS, STRIKE_WEIGHT, activeStrikes, crossedStep, nextStep, strikesExpireAt } from './policy.ts';

export interface TakeActionInput {
  userId: string;
  type: ModerationActionType;
  policy: Policy;
  /** The statement of reasons the player is shown. */
  statement: string;
  caseId?: string | null;
  campaignId?: string | null;
  contentId?: string | null;
  durationMinutes?: number | null;
  /** With `caseId`: close the case as resolved (default true). */
  resolveCase?: boolean | null;
}

export const STATEMENT_LIMITS = { min: 20, max: 2000 };

/** The strikes part of `User.strikes`. */
export interface StrikeSummary {
  active: number;
  total: number;
  nextDecayAt: Date | null;
  nextPenalty: { atStrikes: number; type: 'SUSPEND' | 'BAN'; durationMinutes: number | null } | null;
  items: Array<{ action: ModerationAction; count: number; issuedAt: Date; expiresAt: Date; active: boolean }>;
}

/** Sanctions: validated, recorded, announced on `domain.moderation.action`, escalated along the ladder. */
export function createActionService(options: { clock: () => Date; afterCommit: () => void }) {
  const { clock } = options;

  /** Actions of the user whose strikes may still count, read under a per-user lock so concurrent actions escalate once. */
  const recentActions = async (tx: EntityManager, userId: string, now: Date) => {
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`moderation-user:${userId}`]);
    return tx.find(ModerationAction, { userId, createdAt: { $gt: new Date(now.getTime() - STRIKE_TTL_MS) } });
  };

  function announce(tx: EntityManager, a: ModerationAction, content: ContentItem | null, active: number, actor: string) {
    enqueueDomainEvent<ModerationActionData>(
      tx,
      DomainEvent.MODERATION_ACTION,
      {
        actionId: a.id,
        type: a.type,
        userId: a.userId,
        campaignId: a.campaignId ?? null,
        content: content ? { contentId: content.id, campaignId: content.campaignId, seq: content.seq, kind: content.kind === 'PLAYER_MESSAGE' ? 'player_message' : 'ai_output' } : null,
        policy: a.policy,
        statement: a.statement,
        startsAt: a.startsAt.toISOString(),
        expiresAt: a.expiresAt?.toISOString() ?? null,
        strikes: a.strikes,
        activeStrikes: active,
        escalatedFromId: a.escalatedFromId ?? null,
        caseId: a.caseId ?? null,
      },
      actor,
    );
  }

  const auditSnapshot = (a: ModerationAction) => ({
    type: a.type,
    userId: a.userId,
    policy: a.policy,
    campaignId: a.campaignId,
    contentId: a.contentId,
    caseId: a.caseId,
    strikes: a.strikes,
    startsAt: a.startsAt.toISOString(),
    expiresAt: a.expiresAt?.toISOString() ?? null,
    escalatedFromId: a.escalatedFromId,
  });

  function validate(by: Principal, input: TakeActionInput) {
    const userId = parseId(input?.userId, 'userId');
    const type = parseEnum(input.type, MODERATION_ACTION_TYPES, 'type');
    const policy = parseEnum(input.policy, POLICIES, 'policy');
    const statement = parseText(input.statement, 'statement', STATEMENT_LIMITS);
    const caseId = parseOptionalId(input.caseId, 'caseId');
    const campaignId = parseOptionalId(input.campaignId, 'campaignId');
    const contentId = parseOptionalId(input.contentId, 'contentId');
    if (userId === by.userId) throw new ForbiddenError('You cannot take an action on your own account');
    if (type === 'BAN' && !by.roles.includes(Role.ADMIN)) throw new ForbiddenError('Only admins ban permanently');
    if (policy === 'REPEATED_VIOLATIONS') throw new InputError('REPEATED_VIOLATIONS is imposed by the escalation ladder', 'policy');
    const limits = DURATION_LIMITS[type];
    const minutes = input.durationMinutes ?? null;
    if (limits) {
      if (minutes === null || !Number.isInteger(minutes) || minutes < limits.min || minutes > limits.max) {
        throw new InputError(`durationMinutes must be an integer from ${limits.min} to ${limits.max} for ${type}`, 'durationMinutes');
      }
    } else if (minutes !== null) {
      throw new InputError(`${type} takes no duration`, 'durationMinutes');
    }
    if (type === 'KICK' && !campaignId) throw new InputError('KICK needs the campaignId', 'campaignId');
    if (campaignId && !CAMPAIGN_SCOPED.has(type)) throw new InputError(`${type} is not scoped to a campaign`, 'campaignId');
    if (type === 'REMOVE_CONTENT' && !contentId) throw new InputError('REMOVE_CONTENT needs the contentId', 'contentId');
    if (contentId && type !== 'REMOVE_CONTENT') throw new InputError(`${type} takes no contentId`, 'contentId');
    return { userId, type, policy, statement, caseId, campaignId, contentId, minutes, resolveCase: input.resolveCase ?? true };
  }

  return {
    /**
     * Takes an action: records it (with its strikes), announces it, hides removed content, resolves the case when
     * asked, and imposes the escalation ladder's sanction when the strikes cross a step.
     */
    async take(em: EntityManager, by: Principal, input: TakeActionInput): Promise<ModerationAction> {
      const v = validate(by, input);
      const action = await em.transactional(async (tx) => {
        const now = clock();
        let c: ModerationCase | null = null;
        if (v.caseId) {
          c = await tx.findOne(ModerationCase, { id: v.caseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!c) throw caseNotFound();
          if (c.status !== 'OPEN') throw caseClosedError(c);
          if (c.userId && c.userId !== v.userId) throw new InputError('The case is about another player', 'userId');
          if (v.resolveCase) assertMayClose(c, by);
        }
        let content: ContentItem | null = null;
        if (v.contentId) {
          content = await tx.findOne(ContentItem, { id: v.contentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
          if (!content || content.kind !== 'PLAYER_MESSAGE') throw new NotFoundError('No such message');
          if (content.authorId !== v.userId) throw new InputError('The message was written by another player', 'contentId');
        }
        const history = await recentActions(tx, v.userId, now);
        const before = activeStrikes(history, now);
        const a = tx.create(ModerationAction, {
          id: Bun.randomUUIDv7(),
          type: v.type,
          userId: v.userId,
          campaignId: v.campaignId ?? (v.type === 'REMOVE_CONTENT' ? content!.campaignId : null),
          contentId: v.contentId,
          caseId: c?.id ?? null,
          policy: v.policy,
          statement: v.statement,
          moderatorId: by.userId,
          automated: false,
          escalatedFromId: null,
          strikes: STRIKE_WEIGHT[v.type],
          startsAt: now,
          expiresAt: v.minutes ? new Date(now.getTime() + v.minutes * 60_000) : null,
          revokedAt: null,
          revokeReason: null,
          createdAt: now,
        });
        const after = before + a.strikes;
        announce(tx, a, content, after, by.userId);
        recordAudit(tx, { actor: by.userId, action: AuditAction.ACTION_TAKEN, targetType: 'action', targetId: a.id, before: { activeStrikes: before }, after: { ...auditSnapshot(a), activeStrikes: after } }, now);
        if (content) hideContent(tx, content, { source: 'moderator', categories: (c?.categories ?? []) as ModerationCategory[], caseId: c?.id ?? null, actor: by.userId }, now);
        if (c && v.resolveCase) await closeCase(tx, c, by, 'RESOLVED', `${v.type}: ${v.policy}`, now);

        const step = crossedStep(before, after);
        const banned = history.some((h) => h.type === 'BAN' && h.revokedAt === null);
        if (step && !banned) {
          const days = step.minutes ? step.minutes / 1440 : null;
          const e = tx.create(ModerationAction, {
            id: Bun.randomUUIDv7(),
            type: step.type,
            userId: v.userId,
            campaignId: null,
            contentId: null,
            caseId: c?.id ?? null,
            policy: 'REPEATED_VIOLATIONS',
            statement:
              step.type === 'BAN'
                ? `Your account has ${after} active strikes for breaking the community rules repeatedly, and is banned permanently.`
                : `Your account has ${after} active strikes for breaking the community rules repeatedly, and is suspended for ${days} day${days === 1 ? '' : 's'}.`,
            moderatorId: by.userId,
            automated: true,
            escalatedFromId: a.id,
            strikes: 0,
            startsAt: now,
            expiresAt: step.minutes ? new Date(now.getTime() + step.minutes * 60_000) : null,
            revokedAt: null,
            revokeReason: null,
            createdAt: now,
          });
          announce(tx, e, null, after, SYSTEM_ACTOR);
          recordAudit(tx, { actor: SYSTEM_ACTOR, action: AuditAction.ACTION_ESCALATED, targetType: 'action', targetId: e.id, before: { activeStrikes: before }, after: { ...auditSnapshot(e), activeStrikes: after } }, now);
        }
        return a;
      });
      options.afterCommit();
      return action;
    },

    get: (em: EntityManager, id: string) => em.findOne(ModerationAction, { id }),

    /** Actions on a user, newest first. */
    forUser: (em: EntityManager, userId: string, args: PageArgs) => newestFirst(em, ModerationAction, { userId }, args),

    escalations: (em: EntityManager, actionId: string) => em.find(ModerationAction, { escalatedFromId: actionId }),

    /** Active strikes, when they decay, and the next step of the ladder. */
    async strikes(em: EntityManager, userId: string): Promise<StrikeSummary> {
      const now = clock();
      const all = await em.find(ModerationAction, { userId, strikes: { $gt: 0 }, revokedAt: null }, { orderBy: { createdAt: 'desc' } });
      const active = activeStrikes(all, now);
      const items = all.map((action) => {
        const expiresAt = strikesExpireAt(action);
        return { action, count: action.strikes, issuedAt: action.createdAt, expiresAt, active: expiresAt > now };
      });
      const decays = items.filter((i) => i.active).map((i) => i.expiresAt.getTime());
      const step = nextStep(active);
      return {
        active,
        total: all.reduce((s, a) => s + a.strikes, 0),
        nextDecayAt: decays.length ? new Date(Math.min(...decays)) : null,
        nextPenalty: step && { atStrikes: step.strikes, type: step.type, durationMinutes: step.minutes },
        items,
      };
    },
  };
}
export type ActionService = ReturnType<typeof createActionService>;
