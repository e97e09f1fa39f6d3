import { InputError } from '@startales/kit';

/**
 * Scopes a partner key can hold:
 * - `read`: any query (reads), no mutations;
 * - `operation:<rootField>`: that root query or mutation field, e.g. `operation:createCampaign`.
 * The gateway enforces them before executing; keys carry only the partner role.
 */
export const READ_SCOPE = 'read';
const OPERATION_SCOPE = /^operation:[_A-Za-z][_0-9A-Za-z]{0,63}$/;
export const API_KEY_PREFIX = 'stk_';
export const MAX_KEYS_PER_OWNER = 25;

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  expiresAt?: Date | null;
}

export function validateCreateApiKey(input: CreateApiKeyInput, now = new Date()): CreateApiKeyInput {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 80) throw new InputError('name must be 1–80 characters', 'name');
  if (input.scopes.length === 0) throw new InputError('a key needs at least one scope', 'scopes');
  if (input.scopes.length > 50) throw new InputError('at most 50 scopes', 'scopes');
  for (const scope of input.scopes) {
    if (scope !== READ_SCOPE && !OPERATION_SCOPE.test(scope)) {
      throw new InputError(`unknown scope "${scope}": use "read" or "operation:<rootField>"`, 'scopes');
    }
  }
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) throw new InputError('expiresAt must be in the future', 'expiresAt');
  return { name, scopes: [...new Set(input.scopes)], expiresAt: input.expiresAt ?? null };
}
