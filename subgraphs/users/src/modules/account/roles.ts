import { DomainEvent, ErrorCode, Role, type UserRoleChangedData } from '@startales/contracts';
import { LockMode } from '@mikro-orm/core';
import { AppError, NotFoundError, enqueueDomainEvent, type EntityManager } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';
import { AuditLog } from './entities/audit-log.entity.ts';

export const AuditAction = {
  USER_ROLES_CHANGED: 'user.roles_changed',
} as const;

/** The actor of changes made with the command line (`grant-role`). */
export const CLI_ACTOR = 'system:cli';

/**
 * Records a role change in the caller's transaction: an `audit_log` row and `domain.users.role_changed`. Every path
 * that changes roles (the `setUserRoles` mutation, the `grant-role` CLI) goes through here.
 */
export function recordRoleChange(em: EntityManager, change: { actor: string; userId: string; before: readonly string[]; after: readonly string[] }): AuditLog {
  enqueueDomainEvent<UserRoleChangedData>(em, DomainEvent.USER_ROLE_CHANGED, { userId: change.userId, before: change.before, after: change.after }, change.actor);
  return em.create(AuditLog, {
    id: Bun.randomUUIDv7(),
    actor: change.actor,
    action: AuditAction.USER_ROLES_CHANGED,
    targetType: 'user',
    targetId: change.userId,
    before: { roles: change.before },
    after: { roles: change.after },
    createdAt: new Date(),
  });
}

/**
 * Replaces a user's roles (an admin's call, already authorised). An admin cannot take their own admin role away, so
 * a mistake cannot leave the platform without one. A no-op change writes nothing.
 */
export async function setUserRoles(em: EntityManager, actorId: string, userId: string, roles: Role[]): Promise<User> {
  if (actorId === userId && !roles.includes(Role.ADMIN)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'You cannot remove your own admin role; ask another admin', 400, { field: 'roles' });
  }
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!user) throw new NotFoundError('No such user');
    const before = [...user.roles];
    const after = [...roles].sort();
    if (before.length === after.length && [...before].sort().every((r, i) => r === after[i])) return user;
    user.roles = after;
    recordRoleChange(tx, { actor: actorId, userId, before, after });
    return user;
  });
}
