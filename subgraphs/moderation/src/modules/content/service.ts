import { LockMode } from '@mikro-orm/core';
import { DomainEvent, MODERATION_CATEGORIES, type ContentHiddenData, type ModerationCategory } from '@startales/contracts';
import { NotFoundError, enqueueDomainEvent, type EntityManager, type Principal } from '@startales/kit';
import { CampaignRef, ContentItem, type HiddenBy } from '../../entities/content-item.entity.ts';
import type { Evidence, EvidenceItem } from '../../entities/report.entity.ts';
import { AuditAction, SYSTEM_ACTOR, recordAudit } from '../audit/service.ts';
import { parseEnum, parseId } from '../common/input.ts';
import { detectionTier } from '../cases/policy.ts';
import { fileSignal } from '../cases/service.ts';

/** Messages before the reported one kept in its evidence (the conversation it belongs to). */
export const EVIDENCE_CONTEXT = 5;
/** Items kept in the evidence of a report on a user or a campaign. */
export const EVIDENCE_RECENT = 10;

export const subjectTypeOf = (item: ContentItem) => (item.kind === 'PLAYER_MESSAGE' ? 'MESSAGE' : 'AI_OUTPUT') as 'MESSAGE' | 'AI_OUTPUT';

export function toEvidenceItem(item: ContentItem): EvidenceItem {
  return {
    id: item.id,
    kind: item.kind,
    campaignId: item.campaignId,
    seq: item.seq,
    authorId: item.authorId ?? null,
    text: item.text,
    occurredAt: item.occurredAt.toISOString(),
    hidden: item.hiddenAt !== null,
  };
}

/**
 * Hides a content item (in the caller's transaction) and announces it as `domain.moderation.content_hidden`.
 * Already hidden: nothing happens and false is returned.
 */
export function hideContent(
  tx: EntityManager,
  item: ContentItem,
  hide: { source: HiddenBy; categories: readonly ModerationCategory[]; caseId: string | null; actor: string },
  now: Date,
): boolean {
  if (item.hiddenAt) return false;
  item.hiddenAt = now;
  item.hiddenBy = hide.source;
  enqueueDomainEvent<ContentHiddenData>(
    tx,
    DomainEvent.MODERATION_CONTENT_HIDDEN,
    {
      contentId: item.id,
      campaignId: item.campaignId,
      seq: item.seq,
      kind: item.kind === 'PLAYER_MESSAGE' ? 'player_message' : 'ai_output',
      authorId: item.authorId ?? null,
      categories: [...hide.categories],
      source: hide.source,
      caseId: hide.caseId,
      hiddenAt: now.toISOString(),
    },
    hide.actor,
  );
  recordAudit(tx, { actor: hide.actor, action: AuditAction.CONTENT_HIDDEN, targetType: 'content', targetId: item.id, before: { hidden: false }, after: { hidden: true, source: hide.source, categories: hide.categories, caseId: hide.caseId } }, now);
  return true;
}

/** Content items and the evidence snapshots built from them. */
export function createContentService(options: { clock: () => Date; afterCommit: () => void }) {
  return {
    find: (em: EntityManager, id: string) => em.findOne(ContentItem, { id }),

    /** The reported item with the messages just before it in its campaign, as they are now. */
    async messageEvidence(em: EntityManager, item: ContentItem, now: Date): Promise<Evidence> {
      const before = await em.find(
        ContentItem,
        { campaignId: item.campaignId, seq: { $lt: item.seq } },
        { orderBy: { seq: 'desc' }, limit: EVIDENCE_CONTEXT },
      );
      return { capturedAt: now.toISOString(), campaignId: item.campaignId, seq: item.seq, items: [...before.reverse(), item].map(toEvidenceItem) };
    },

    /** The campaign's latest items and the last sequence moderation has seen of it. */
    async campaignEvidence(em: EntityManager, campaignId: string, now: Date): Promise<{ evidence: Evidence; ownerId: string | null }> {
      const ref = await em.findOne(CampaignRef, { campaignId });
      const items = await em.find(ContentItem, { campaignId }, { orderBy: { seq: 'desc' }, limit: EVIDENCE_RECENT });
      const seq = ref?.lastSeq || items[0]?.seq || null;
      return { evidence: { capturedAt: now.toISOString(), campaignId, seq, items: items.reverse().map(toEvidenceItem) }, ownerId: ref?.ownerId ?? null };
    },

    /** The user's latest messages, wherever they were written. */
    async userEvidence(em: EntityManager, userId: string, now: Date): Promise<Evidence> {
      const items = await em.find(ContentItem, { authorId: userId }, { orderBy: { occurredAt: 'desc' }, limit: EVIDENCE_RECENT });
      return { capturedAt: now.toISOString(), campaignId: null, seq: null, items: items.reverse().map(toEvidenceItem) };
    },

    /** A moderator hides a message or AI output; the content's case is opened or joined. */
    async hideByModerator(em: EntityManager, by: Principal, rawId: unknown, rawCategory: unknown): Promise<ContentItem> {
      const id = parseId(rawId, 'contentId');
      const category = parseEnum(rawCategory, MODERATION_CATEGORIES, 'category');
      const item = await em.transactional(async (tx) => {
        const row = await tx.findOne(ContentItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!row) throw new NotFoundError('No such message or AI output');
        const now = options.clock();
        const c = await fileSignal(tx, { subjectType: subjectTypeOf(row), subjectId: row.id, userId: row.authorId ?? null, campaignId: row.campaignId, tier: detectionTier(category, true), categories: [category] }, now);
        hideContent(tx, row, { source: 'moderator', categories: [category], caseId: c.id, actor: by.userId }, now);
        return row;
      });
      options.afterCommit();
      return item;
    },
  };
}
export type ContentService = ReturnType<typeof createContentService>;
export { SYSTEM_ACTOR };
