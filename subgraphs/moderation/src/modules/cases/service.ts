import { LockMode } from '@mikro-orm/core';
import { ErrorCode, Role, type ModerationCategory } from '@startales/contracts';
import { AppError, ForbiddenError, InputError, NotFoundError, type EntityManager, type Principal } from '@startales/kit';
import { ModerationCase, CaseNote, ModerationFlag } from '../../entities/case.entity.ts';
import { Report, type SubjectType } from '../../entities/report.entity.ts';
import { ModerationAction } from '../../entities/action.entity.ts';
import { recordAudit, AuditAction } from '../audit/service.ts';
import { decodeCursor, pageSize, toConnection, type PageArgs } from '../common/connection.ts';
import { parseEnum, parseId, parseOptionalId, parseText } from '../common/input.ts';
import { ADMIN_TIER, REPORTS_FOR_REVIEW, TIERS, TIER_SLA_MS, tierName, tierRank, type TierName } from './policy.ts';

/** What opened or joined a case. */
export interface CaseSignal {
  subjectType: SubjectType;
  subjectId: string;
  userId: string | null;
  campaignId: string | null;
  tier: number;
  categories: readonly ModerationCategory[];
  reports?: number;
  flags?: number;
}

const caseNotFound = () => new NotFoundError('No such case');
const closed = (c: ModerationCase) => new AppError(ErrorCode.CONFLICT, `The case is already ${c.status.toLowerCase()}`, 409, { status: c.status });

/**
 * Adds a signal to the open case on its subject, opening one if there is none (one open case per subject:
 * `open_key` is unique, and a concurrent opener's insert is ignored). Raises the tier (and pulls the SLA in) when
 * the signal is more serious. Runs in the caller's transaction; returns the case row-locked.
 */
export async function fileSignal(tx: EntityManager, signal: CaseSignal, now: Date): Promise<ModerationCase> {
  const openKey = `${signal.subjectType}:${signal.subjectId}`;
  await tx
    .createQueryBuilder(ModerationCase)
    .insert({
      id: Bun.randomUUIDv7(),
      subjectType: signal.subjectType,
      subjectId: signal.subjectId,
      openKey,
      userId: signal.userId,
      campaignId: signal.campaignId,
      status: 'OPEN',
      tier: signal.tier,
      categories: [],
      reportCount: 0,
      flagCount: 0,
      assigneeId: null,
      slaDueAt: new Date(now.getTime() + TIER_SLA_MS[signal.tier]!),
      openedAt: now,
      updatedAt: now,
    })
    .onConflict('openKey')
    .ignore()
    .execute();
  const c = await tx.findOneOrFail(ModerationCase, { openKey }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  c.reportCount += signal.reports ?? 0;
  c.flagCount += signal.flags ?? 0;
  let tier = Math.max(c.tier, signal.tier);
  if (c.reportCount >= REPORTS_FOR_REVIEW) tier = Math.max(tier, 1);
  raiseTier(c, tier, now);
  c.categories = [...new Set([...c.categories, ...signal.categories])].sort();
  c.userId ??= signal.userId;
  c.campaignId ??= signal.campaignId;
  c.updatedAt = now;
  return c;
}

function raiseTier(c: ModerationCase, tier: number, now: Date) {
  if (tier <= c.tier) return;
  c.tier = tier;
  const due = now.getTime() + TIER_SLA_MS[tier]!;
  if (due < c.slaDueAt.getTime()) c.slaDueAt = new Date(due);
}

/** Closes a case (in the caller's transaction): its reports become ACTIONED or DISMISSED. */
export async function closeCase(tx: EntityManager, c: ModerationCase, by: Principal, outcome: 'RESOLVED' | 'DISMISSED', resolution: string, now: Date) {
  const before = { status: c.status, tier: tierName(c.tier), assigneeId: c.assigneeId };
  c.status = outcome;
  c.openKey = null;
  c.closedAt = now;
  c.closedBy = by.userId;
  c.resolution = resolution;
  c.updatedAt = now;
  await tx.nativeUpdate(Report, { caseId: c.id, status: { $in: ['OPEN', 'IN_REVIEW'] } }, { status: outcome === 'RESOLVED' ? 'ACTIONED' : 'DISMISSED' });
  recordAudit(
    tx,
    { actor: by.userId, action: outcome === 'RESOLVED' ? AuditAction.CASE_RESOLVED : AuditAction.CASE_DISMISSED, targetType: 'case', targetId: c.id, before, after: { status: outcome } },
    now,
  );
}

/** Only admins close T2 (staff) and T3 (legal/urgent) cases. */
export function assertMayClose(c: ModerationCase, by: Principal) {
  if (c.tier >= ADMIN_TIER && !by.roles.includes(Role.ADMIN)) throw new ForbiddenError(`Only admins may close a ${tierName(c.tier)} case`);
}

export interface QueueFilter {
  status?: ModerationCase['status'] | null;
  tiers?: TierName[] | null;
  assigneeId?: string | null;
  unassigned?: boolean | null;
}

/** The review queue and case work: assignment, tiers, notes, dismissal. */
export function createCaseService(options: { clock: () => Date }) {
  const { clock } = options;

  const load = async (tx: EntityManager, id: unknown) => {
    const c = await tx.findOne(ModerationCase, { id: parseId(id, 'caseId') }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!c) throw caseNotFound();
    return c;
  };
  const mutate = async (em: EntityManager, id: unknown, change: (tx: EntityManager, c: ModerationCase, now: Date) => Promise<void> | void) =>
    em.transactional(async (tx) => {
      const c = await load(tx, id);
      const now = clock();
      await change(tx, c, now);
      return c;
    });

  return {
    get: (em: EntityManager, id: unknown) => em.findOne(ModerationCase, { id: parseId(id, 'id') }),

    /**
     * Cases by priority: highest tier first, then the SLA due soonest, then the oldest. Keyset-paged on
     * (tier, slaDueAt, id), so pages stay stable while cases arrive.
     */
    async queue(em: EntityManager, filter: QueueFilter | null | undefined, args: PageArgs) {
      const first = pageSize(args);
      const where: Record<string, unknown> = { status: parseEnum(filter?.status ?? 'OPEN', ['OPEN', 'RESOLVED', 'DISMISSED'] as const, 'filter.status') };
      if (filter?.tiers?.length) where.tier = { $in: filter.tiers.map((t) => tierRank(parseEnum(t, TIERS, 'filter.tiers'))) };
      const assignee = parseOptionalId(filter?.assigneeId, 'filter.assigneeId');
      if (assignee && filter?.unassigned) throw new InputError('Use either assigneeId or unassigned', 'filter.unassigned');
      if (assignee) where.assigneeId = assignee;
      if (filter?.unassigned) where.assigneeId = null;
      let page: Record<string, unknown> = where;
      if (args.after) {
        const [tier, due, id] = decodeCursor(args.after);
        if (typeof tier !== 'number' || typeof due !== 'number' || typeof id !== 'string') throw new InputError('Invalid cursor', 'after');
        const at = new Date(due);
        page = { $and: [where, { $or: [{ tier: { $lt: tier } }, { tier, slaDueAt: { $gt: at } }, { tier, slaDueAt: at, id: { $gt: id } }] }] };
      }
      const [rows, total] = await Promise.all([
        em.find(ModerationCase, page as never, { orderBy: { tier: 'desc', slaDueAt: 'asc', id: 'asc' }, limit: first + 1 }),
        em.count(ModerationCase, where as never),
      ]);
      return toConnection(rows, first, total, (c) => [c.tier, c.slaDueAt.getTime(), c.id]);
    },

    /** Assigns the case to `assigneeId` (default: the caller). Moderators assign only themselves; admins anyone. */
    assign(em: EntityManager, by: Principal, id: unknown, rawAssignee: unknown) {
      const assigneeId = parseOptionalId(rawAssignee, 'assigneeId') ?? by.userId;
      if (assigneeId !== by.userId && !by.roles.includes(Role.ADMIN)) throw new ForbiddenError('Only admins assign cases to someone else');
      return mutate(em, id, async (tx, c, now) => {
        if (c.status !== 'OPEN') throw closed(c);
        if (c.assigneeId === assigneeId) return;
        recordAudit(tx, { actor: by.userId, action: AuditAction.CASE_ASSIGNED, targetType: 'case', targetId: c.id, before: { assigneeId: c.assigneeId }, after: { assigneeId } }, now);
        c.assigneeId = assigneeId;
        c.updatedAt = now;
        await tx.nativeUpdate(Report, { caseId: c.id, status: 'OPEN' }, { status: 'IN_REVIEW' });
      });
    },

    unassign(em: EntityManager, by: Principal, id: unknown) {
      return mutate(em, id, (tx, c, now) => {
        if (c.status !== 'OPEN') throw closed(c);
        if (!c.assigneeId) return;
        if (c.assigneeId !== by.userId && !by.roles.includes(Role.ADMIN)) throw new ForbiddenError('Only admins unassign someone else');
        recordAudit(tx, { actor: by.userId, action: AuditAction.CASE_UNASSIGNED, targetType: 'case', targetId: c.id, before: { assigneeId: c.assigneeId }, after: { assigneeId: null } }, now);
        c.assigneeId = null;
        c.updatedAt = now;
      });
    },

    /** Moves a case to another tier (escalation or de-escalation); the SLA restarts from now for the new tier. */
    setTier(em: EntityManager, by: Principal, id: unknown, rawTier: unknown, rawReason: unknown) {
      const tier = tierRank(parseEnum(rawTier, TIERS, 'tier'));
      const reason = parseText(rawReason, 'reason', { min: 3, max: 500 });
      return mutate(em, id, (tx, c, now) => {
        if (c.status !== 'OPEN') throw closed(c);
        if (c.tier === tier) return;
        // lowering a case out of the admin tiers is itself an admin's call
        if (c.tier >= ADMIN_TIER && tier < c.tier) assertMayClose(c, by);
        recordAudit(tx, { actor: by.userId, action: AuditAction.CASE_TIER_CHANGED, targetType: 'case', targetId: c.id, before: { tier: tierName(c.tier) }, after: { tier: tierName(tier) } }, now);
        c.tier = tier;
        c.slaDueAt = new Date(now.getTime() + TIER_SLA_MS[tier]!);
        c.updatedAt = now;
        tx.create(CaseNote, { id: Bun.randomUUIDv7(), caseId: c.id, authorId: by.userId, body: `Moved to ${tierName(tier)}: ${reason}`, createdAt: now });
      });
    },

    async addNote(em: EntityManager, by: Principal, id: unknown, rawBody: unknown): Promise<CaseNote> {
      const body = parseText(rawBody, 'body', { min: 1, max: 5000 });
      return em.transactional(async (tx) => {
        const c = await load(tx, id);
        const now = clock();
        const note = tx.create(CaseNote, { id: Bun.randomUUIDv7(), caseId: c.id, authorId: by.userId, body, createdAt: now });
        c.updatedAt = now;
        recordAudit(tx, { actor: by.userId, action: AuditAction.CASE_NOTE_ADDED, targetType: 'case', targetId: c.id, after: { noteId: note.id } }, now);
        return note;
      });
    },

    /** Closes a case without an action (nothing wrong found). */
    dismiss(em: EntityManager, by: Principal, id: unknown, rawReason: unknown) {
      const reason = parseText(rawReason, 'reason', { min: 3, max: 2000 });
      return mutate(em, id, async (tx, c, now) => {
        if (c.status !== 'OPEN') throw closed(c);
        assertMayClose(c, by);
        await closeCase(tx, c, by, 'DISMISSED', reason, now);
      });
    },

    reports: (em: EntityManager, caseId: string) => em.find(Report, { caseId }, { orderBy: { id: 'asc' } }),
    flags: (em: EntityManager, caseId: string) => em.find(ModerationFlag, { caseId }, { orderBy: { id: 'asc' } }),
    notes: (em: EntityManager, caseId: string) => em.find(CaseNote, { caseId }, { orderBy: { id: 'asc' } }),
    actions: (em: EntityManager, caseId: string) => em.find(ModerationAction, { caseId }, { orderBy: { id: 'asc' } }),
  };
}
export type CaseService = ReturnType<typeof createCaseService>;
export { closed as caseClosedError, caseNotFound };
