import { ModerationCategory } from '@startales/contracts';
import type { ReportReason } from '../../entities/report.entity.ts';

/** T0 automatic, T1 moderator, T2 staff (admins), T3 legal/urgent (admins). */
export const TIERS = ['T0', 'T1', 'T2', 'T3'] as const;
export type TierName = (typeof TIERS)[number];
export const tierName = (tier: number): TierName => TIERS[Math.max(0, Math.min(3, tier))]!;
export const tierRank = (name: TierName): number => TIERS.indexOf(name);

/** How long a case may wait in each tier before its SLA is breached. */
export const TIER_SLA_MS: readonly number[] = [72 * 3_600_000, 24 * 3_600_000, 4 * 3_600_000, 3_600_000];

/** Tiers from which only admins may close a case (resolve it with an action, or dismiss it). */
export const ADMIN_TIER = 2;

/** The category a report reason stands for (none for CHEATING, INAPPROPRIATE_NAME, OTHER). */
export const REASON_CATEGORY: Partial<Record<ReportReason, ModerationCategory>> = {
  HARASSMENT: ModerationCategory.HARASSMENT,
  HATE: ModerationCategory.HATE,
  SPAM: ModerationCategory.SPAM,
  SEXUAL_CONTENT: ModerationCategory.SEXUAL,
  SEXUAL_MINORS: ModerationCategory.SEXUAL_MINORS,
  SELF_HARM: ModerationCategory.SELF_HARM,
  VIOLENCE: ModerationCategory.VIOLENCE,
  ILLICIT: ModerationCategory.ILLICIT,
};

/** Child safety and self-harm are urgent whoever raised them. */
const URGENT: ReadonlySet<string> = new Set([ModerationCategory.SEXUAL_MINORS, ModerationCategory.SELF_HARM]);
const STAFF: ReadonlySet<string> = new Set([ModerationCategory.HATE, ModerationCategory.VIOLENCE]);

/** The tier a player's report starts at. */
export function reportTier(reason: ReportReason): number {
  const category = REASON_CATEGORY[reason];
  if (category && URGENT.has(category)) return 3;
  if (category && STAFF.has(category)) return 2;
  return 1;
}

/** The tier an automated detection starts at: T0 for a flag, T1 once content was hidden, T3 when urgent. */
export function detectionTier(category: ModerationCategory, hid: boolean): number {
  if (URGENT.has(category)) return 3;
  return hid ? 1 : 0;
}

/** Reports from this many players lift an automatic (T0) case to T1. */
export const REPORTS_FOR_REVIEW = 3;
