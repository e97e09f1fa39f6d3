import { ErrorCode } from '@startales/contracts';
import { AppError, InputError, isUniqueViolation, type EntityManager } from '@startales/kit';
import { User } from '../../entities/user.entity.ts';

/**
 * Shared by the social modules (profile, friends, blocks, parties): id parsing and the typed errors they
 * all raise, so the same mistake gets the same code everywhere.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lower-cased UUID, or BAD_USER_INPUT on `field`. */
export function parseId(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !UUID.test(raw)) throw new InputError(`${field} is not a valid id`, field);
  return raw.toLowerCase();
}

export const notFound = (message: string, field?: string) => new AppError(ErrorCode.NOT_FOUND, message, 404, field ? { field } : {});
export const conflict = (message: string, code: ErrorCode = ErrorCode.CONFLICT) => new AppError(code, message, 409);
export const selfTarget = (field: string) => new InputError('You cannot do this to yourself', field);

/** The user `id` (from argument `field`), or NOT_FOUND. */
export async function findUserOrFail(em: EntityManager, id: string, field: string): Promise<User> {
  const user = await em.findOne(User, { id });
  if (!user) throw notFound('No such user', field);
  return user;
}

/** Parses a target user id argument: valid, not the caller, existing. */
export async function targetUser(em: EntityManager, callerId: string, raw: unknown, field = 'userId'): Promise<User> {
  const id = parseId(raw, field);
  if (id === callerId) throw selfTarget(field);
  return findUserOrFail(em, id, field);
}

/** Runs `work`; a unique violation (a race the locks did not cover) becomes a typed CONFLICT instead of a 500. */
export async function uniqueAsConflict<T>(work: () => Promise<T>, message: string, code: ErrorCode = ErrorCode.CONFLICT): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(message, code);
    throw error;
  }
}
