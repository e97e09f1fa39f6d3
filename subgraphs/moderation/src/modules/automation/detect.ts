import type { ModerationCategory } from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import type { ContentItem } from '../../entities/content-item.entity.ts';
import { ModerationFlag, type FlagSource, type ModerationCase } from '../../entities/case.entity.ts';
import { detectionTier } from '../cases/policy.ts';
import { fileSignal } from '../cases/service.ts';
import { SYSTEM_ACTOR, hideContent, subjectTypeOf } from '../content/service.ts';

/** One automated finding on a content item. */
export interface Finding {
  source: FlagSource;
  category: ModerationCategory;
  /** The classifier's score (rules: null). */
  score: number | null;
  ruleId: string | null;
  hide: boolean;
}

/**
 * Acts on automated findings (in the caller's transaction): the item's case is opened or joined with one flag per
 * finding, and when any finding says so the item is hidden (`domain.moderation.content_hidden`).
 */
export async function actOnFindings(tx: EntityManager, item: ContentItem, findings: readonly Finding[], now: Date): Promise<ModerationCase | null> {
  if (findings.length === 0) return null;
  const hide = findings.some((f) => f.hide);
  const categories = [...new Set(findings.map((f) => f.category))];
  const tier = Math.max(...findings.map((f) => detectionTier(f.category, hide)));
  const c = await fileSignal(
    tx,
    { subjectType: subjectTypeOf(item), subjectId: item.id, userId: item.authorId ?? null, campaignId: item.campaignId, tier, categories, flags: findings.length },
    now,
  );
  for (const f of findings) {
    tx.create(ModerationFlag, { id: Bun.randomUUIDv7(), caseId: c.id, contentId: item.id, source: f.source, ruleId: f.ruleId, category: f.category, score: f.score, hid: f.hide, createdAt: now });
  }
  if (hide) {
    const source = findings.find((f) => f.hide)!.source === 'RULE' ? 'rule' : 'classifier';
    hideContent(tx, item, { source, categories: findings.filter((f) => f.hide).map((f) => f.category), caseId: c.id, actor: SYSTEM_ACTOR }, now);
  }
  return c;
}
