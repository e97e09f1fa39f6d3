import type { Role } from '@startales/contracts';
import { ForbiddenError, InputError, requireUser, type AuthContext, type Principal } from '@startales/kit';

/** The caller, when it is `userId` itself or holds one of `roles` (admins hold every role); FORBIDDEN otherwise. */
export function requireSelfOr(auth: AuthContext, userId: string, ...roles: Role[]): Principal {
  const principal = requireUser(auth);
  if (principal.userId === userId || principal.roles.includes('admin') || roles.some((r) => principal.roles.includes(r))) return principal;
  throw new ForbiddenError('You can only see your own billing');
}

/** A reporting period [from, to): `from` before `to`, at most `maxDays` long. */
export function validRange(from: Date, to: Date, maxDays = 366): { from: Date; to: Date } {
  if (!(from.getTime() < to.getTime())) throw new InputError('from must be before to', 'from');
  if (to.getTime() - from.getTime() > maxDays * 86_400_000) throw new InputError(`the period can be at most ${maxDays} days`, 'to');
  return { from, to };
}
