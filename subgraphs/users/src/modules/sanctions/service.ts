import { DomainEvent, ErrorCode, type EventEnvelope, type ModerationActionData, type ModerationActionRevokedData } from '@startales/contracts';
import { AppError, type EntityManager } from '@startales/kit';
import type { AuthExtension } from '../auth/service.ts';
import { AccountSanction } from './entities/account-sanction.entity.ts';

/** The refusal a suspended or banned account gets at sign-in and refresh. */
export class AccountSanctionedError extends AppError {
  override readonly name = 'AccountSanctionedError';
  constructor(s: AccountSanction) {
    const banned = !s.expiresAt;
    super(
      banned ? ErrorCode.ACCOUNT_BANNED : ErrorCode.ACCOUNT_SUSPENDED,
      banned ? 'This account is banned' : `This account is suspended until ${s.expiresAt!.toISOString()}`,
      403,
      { until: s.expiresAt?.toISOString() ?? null, reason: s.reason, policy: s.policy, actionId: s.id },
    );
  }
}

/**
 * Applies one moderation event to the projection (in the consumer's transaction). Both writes are upserts that
 * never undo a revocation, so the two events may arrive in either order.
 */
export async function applyModerationEvent(tx: EntityManager, event: EventEnvelope, now: Date): Promise<void> {
  if (event.type === DomainEvent.MODERATION_ACTION) {
    const a = event.data as ModerationActionData;
    if (a.type !== 'SUSPEND' && a.type !== 'BAN') return;
    await tx.execute(
      `insert into "users"."account_sanction" (id, user_id, type, policy, reason, starts_at, expires_at, revoked_at, received_at)
       values (?, ?, ?, ?, ?, ?, ?, null, ?) on conflict (id) do update set
         user_id = excluded.user_id, type = excluded.type, policy = excluded.policy, reason = excluded.reason,
         starts_at = excluded.starts_at, expires_at = excluded.expires_at`,
      [a.actionId, a.userId, a.type, String(a.policy).slice(0, 40), a.statement, new Date(a.startsAt), a.expiresAt ? new Date(a.expiresAt) : null, now],
    );
  } else if (event.type === DomainEvent.MODERATION_ACTION_REVOKED) {
    const r = event.data as ModerationActionRevokedData;
    if (r.type !== 'SUSPEND' && r.type !== 'BAN') return;
    // a revocation seen first leaves a row that is already revoked; the action's upsert then keeps it so
    await tx.execute(
      `insert into "users"."account_sanction" (id, user_id, type, policy, reason, starts_at, expires_at, revoked_at, received_at)
       values (?, ?, ?, '', '', ?, ?, ?, ?) on conflict (id) do update set revoked_at = excluded.revoked_at`,
      [r.actionId, r.userId, r.type, new Date(r.revokedAt), new Date(r.revokedAt), new Date(r.revokedAt), now],
    );
  }
}

/** The sanction in force for the user at `now` (a ban before a suspension, then the one ending last). */
export async function sanctionInForce(em: EntityManager, userId: string, now: Date): Promise<AccountSanction | null> {
  const rows = await em.find(AccountSanction, {
    userId,
    revokedAt: null,
    startsAt: { $lte: now },
    $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
  });
  rows.sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity));
  return rows.at(-1) ?? null;
}

/** Refuses every sign-in (password, OAuth, after MFA) and every refresh of a suspended or banned account. */
export function createSanctionsExtension(options: { now: () => number }): AuthExtension {
  const refuse = async (em: EntityManager, userId: string) => {
    const s = await sanctionInForce(em, userId, new Date(options.now()));
    if (s) throw new AccountSanctionedError(s);
  };
  return {
    // first factor passed: say so before MFA asks for a code
    beforeSignIn: (em, user) => refuse(em, user.id),
    // the one hook every session issue runs through (sign-ins after MFA, and refreshes)
    async tokenRoles(em, user, roles) {
      await refuse(em, user.id);
      return roles;
    },
  };
}
