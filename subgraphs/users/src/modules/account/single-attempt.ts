import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { InputError } from '@startales/kit';

/**
 * Root fields that check a secret (password, link token, one-time code). An operation may hold at most one, so
 * aliases cannot try many secrets in one request; each attempt is also counted by the throttle on its own.
 * Other modules with such fields (e.g. OAuth callbacks) add theirs here.
 */
export const ATTEMPT_FIELDS = new Set([
  'login',
  'verifyMfa',
  'confirmMfa',
  'disableMfa',
  'regenerateMfaRecoveryCodes',
  'requestPasswordReset',
  'resetPassword',
  'verifyEmail',
  'resendVerificationEmail',
]);

function countAttempts(set: SelectionSetNode, info: GraphQLResolveInfo, seen: Set<string>): number {
  let n = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (ATTEMPT_FIELDS.has(sel.name.value)) n++;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      n += countAttempts(sel.selectionSet, info, seen);
    } else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      const fragment = info.fragments[sel.name.value];
      if (fragment) n += countAttempts(fragment.selectionSet, info, seen);
    }
  }
  return n;
}

/** Refuses an operation that holds more than one attempt field (whatever the aliases or fragments). */
export function assertSingleAttempt(info: GraphQLResolveInfo): void {
  if (countAttempts(info.operation.selectionSet, info, new Set()) > 1) {
    throw new InputError('Send one sign-in, verification or reset attempt per request');
  }
}
