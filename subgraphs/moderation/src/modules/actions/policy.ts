import { ModerationActionType } from '@startales/contracts';
import type { ModerationAction } from '../../entities/action.entity.ts';

const DAY_MS = 86_400_000;

/** Strikes an action adds. Escalations add none (they are the consequence of strikes, not a new violation). */
export const STRIKE_WEIGHT: Readonly<Record<ModerationActionType, number>> = {
  WARN: 1,
  MUTE: 1,
  REMOVE_CONTENT: 1,
  KICK: 1,
  SUSPEND: 2,
  BAN: 0,
};

/** A strike counts for this long after its action, then decays. */
export const STRIKE_TTL_MS = 90 * DAY_MS;

/** Duration limits in minutes; actions not listed take no duration. */
export const DURATION_LIMITS: Partial<Record<ModerationActionType, { min: number; max: number }>> = {
  MUTE: { min: 1, max: 90 * 24 * 60 },
  SUSPEND: { min: 60, max: 365 * 24 * 60 },
};

/** KICK needs a campaign; MUTE may have one (none: everywhere); the others take none. */
export const CAMPAIGN_SCOPED: ReadonlySet<ModerationActionType> = new Set([ModerationActionType.MUTE, ModerationActionType.KICK]);

/**
 * The escalation ladder: when an action takes a player's active strikes to (or past) a step they were below, the
 * step's sanction is imposed as well (the highest step crossed). Suspensions lengthen, and nine strikes ban.
 */
export const ESCALATION_LADDER: ReadonlyArray<{ strikes: number; type: 'SUSPEND' | 'BAN'; minutes: number | null }> = [
  { strikes: 3, type: 'SUSPEND', minutes: 24 * 60 },
  { strikes: 6, type: 'SUSPEND', minutes: 7 * 24 * 60 },
  { strikes: 9, type: 'BAN', minutes: null },
];

/** The ladder step crossed going from `before` to `after` active strikes, if any (the highest). */
export function crossedStep(before: number, after: number) {
  return [...ESCALATION_LADDER].reverse().find((step) => before < step.strikes && after >= step.strikes) ?? null;
}

/** The next step above `active` strikes (null once past the last). */
export const nextStep = (active: number) => ESCALATION_LADDER.find((step) => step.strikes > active) ?? null;

/** When an action's strikes decay. */
export const strikesExpireAt = (action: Pick<ModerationAction, 'createdAt'>) => new Date(action.createdAt.getTime() + STRIKE_TTL_MS);

/** Strikes that count now: not revoked and not yet decayed. */
export function activeStrikes(actions: readonly ModerationAction[], now: Date): number {
  return actions.reduce((sum, a) => (a.revokedAt == null && strikesExpireAt(a) > now ? sum + a.strikes : sum), 0);
}

/** In force at `now`: started, not expired, not revoked (an action with no expiry stays in force). */
export const inForce = (a: ModerationAction, now: Date) => a.revokedAt == null && a.startsAt <= now && (a.expiresAt == null || a.expiresAt > now);

/** An action may be appealed until six calendar months after it was taken. */
export function appealClosesAt(a: Pick<ModerationAction, 'createdAt'>): Date {
  const d = new Date(a.createdAt);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 6);
  // 31 August + 6 months is the last day of February, not 3 March
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
