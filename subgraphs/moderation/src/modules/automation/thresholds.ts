import { MODERATION_CATEGORIES, ModerationCategory } from '@startales/contracts';
import type { EntityManager } from '@startales/kit';
import { ClassifierThreshold } from '../../entities/rule.entity.ts';

export interface Threshold {
  category: ModerationCategory;
  /** At or above: the content is flagged (a case is opened or joined). */
  flagAt: number;
  /** At or above: the content is hidden too. */
  hideAt: number;
  isDefault: boolean;
}

/** Defaults until an admin sets a category: child safety is flagged and hidden far earlier than the rest. */
export const DEFAULT_THRESHOLDS: Readonly<Record<ModerationCategory, { flagAt: number; hideAt: number }>> = {
  [ModerationCategory.HARASSMENT]: { flagAt: 0.6, hideAt: 0.85 },
  [ModerationCategory.HATE]: { flagAt: 0.5, hideAt: 0.8 },
  [ModerationCategory.SEXUAL]: { flagAt: 0.6, hideAt: 0.85 },
  [ModerationCategory.SEXUAL_MINORS]: { flagAt: 0.2, hideAt: 0.4 },
  [ModerationCategory.SELF_HARM]: { flagAt: 0.4, hideAt: 0.8 },
  // fantasy combat is the game: only strong signals count
  [ModerationCategory.VIOLENCE]: { flagAt: 0.8, hideAt: 0.95 },
  [ModerationCategory.ILLICIT]: { flagAt: 0.7, hideAt: 0.9 },
  [ModerationCategory.SPAM]: { flagAt: 0.7, hideAt: 0.9 },
};

/** The thresholds in force, one per category. */
export async function loadThresholds(em: EntityManager): Promise<Threshold[]> {
  const rows = new Map((await em.find(ClassifierThreshold, {})).map((r) => [r.category, r]));
  return MODERATION_CATEGORIES.map((category) => {
    const row = rows.get(category);
    // double precision comes back as text from the driver
    return row ? { category, flagAt: Number(row.flagAt), hideAt: Number(row.hideAt), isDefault: false } : { category, ...DEFAULT_THRESHOLDS[category], isDefault: true };
  });
}

export interface Detection {
  category: ModerationCategory;
  score: number;
  hide: boolean;
}

/** The categories whose score reaches its flag threshold, and whether each reaches its hide threshold. */
export function applyThresholds(scores: Partial<Record<ModerationCategory, number>>, thresholds: readonly Threshold[]): Detection[] {
  const out: Detection[] = [];
  for (const t of thresholds) {
    const score = scores[t.category] ?? 0;
    if (score >= t.flagAt) out.push({ category: t.category, score, hide: score >= t.hideAt });
  }
  return out;
}
