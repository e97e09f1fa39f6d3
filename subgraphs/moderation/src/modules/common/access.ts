import { Role } from '@startales/contracts';
import { requireRole, type Principal, type RequestContext } from '@startales/kit';

/** Moderators and admins (admins hold every role). */
export const moderator = (ctx: RequestContext): Principal => requireRole(ctx.auth, Role.MODERATOR);
export const admin = (ctx: RequestContext): Principal => requireRole(ctx.auth, Role.ADMIN);
/** True when the caller is a moderator or an admin (for fields that are null for everyone else). */
export const isModerator = (ctx: RequestContext) => {
  const roles = ctx.auth.principal?.roles ?? [];
  return roles.includes(Role.MODERATOR) || roles.includes(Role.ADMIN);
};

export const userRef = (id: string | null | undefined) => (id ? { __typename: 'User', id } : null);
export const campaignRef = (id: string | null | undefined) => (id ? { __typename: 'Campaign', id } : null);
/** A user reference for ids that may be a service actor (`service:moderation`). */
export const actorRef = (actor: string) => (/^[0-9a-f-]{36}$/i.test(actor) ? userRef(actor) : null);
