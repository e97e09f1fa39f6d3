/** Human messages for the typed `extensions.code` errors the gateway returns (codes from @startales/contracts). */
import { ErrorCode } from '@startales/contracts';
import { ApiError } from './graphql.ts';

const MESSAGES: Partial<Record<string, string>> = {
  [ErrorCode.UNAUTHENTICATED]: 'Please sign in to continue.',
  [ErrorCode.FORBIDDEN]: 'Your account is not allowed to do this.',
  [ErrorCode.NOT_FOUND]: 'Not found: it may have been removed.',
  [ErrorCode.CONFLICT]: 'That conflicts with the current state. Reload and try again.',
  [ErrorCode.EMAIL_TAKEN]: 'That email already has an account.',
  [ErrorCode.HANDLE_TAKEN]: 'That handle is taken. Try another.',
  [ErrorCode.WEAK_PASSWORD]: 'Choose a stronger password (at least 10 characters, not a common one).',
  [ErrorCode.INVALID_CREDENTIALS]: 'Email or password is wrong.',
  [ErrorCode.INVALID_TOKEN]: 'This link or code is invalid or has expired.',
  [ErrorCode.TOKEN_EXPIRED]: 'Your session expired. Please sign in again.',
  [ErrorCode.REFRESH_TOKEN_REUSED]: 'For your safety every session was signed out. Please sign in again.',
  [ErrorCode.INVALID_MFA_CODE]: 'That code is wrong or expired. Use the current code from your authenticator app or a recovery code.',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'A service is temporarily unavailable. Try again in a moment.',
  [ErrorCode.INTERNAL_SERVER_ERROR]: 'Something went wrong on our side. Try again; if it keeps happening, contact support.',
  [ErrorCode.OAUTH_PROVIDER_UNAVAILABLE]: 'This sign-in provider is not available right now.',
  [ErrorCode.OAUTH_STATE_INVALID]: 'The sign-in attempt expired or was already used. Start again.',
  [ErrorCode.OAUTH_VERIFICATION_FAILED]: 'The provider’s answer could not be verified. Start again.',
  [ErrorCode.OAUTH_DENIED]: 'Sign-in was cancelled at the provider.',
  [ErrorCode.OAUTH_ACCOUNT_EXISTS]: 'An account with this email exists. Sign in with your password, then link the provider in Settings.',
  [ErrorCode.OAUTH_ALREADY_LINKED]: 'That provider account is already linked to an account.',
  [ErrorCode.OAUTH_LAST_SIGN_IN_METHOD]: 'You cannot remove your last way to sign in. Set a password or link another provider first.',
  [ErrorCode.ALREADY_FRIENDS]: 'You are already friends.',
  [ErrorCode.PARTY_FULL]: 'The party is full.',
  [ErrorCode.ALREADY_IN_PARTY]: 'You are already in a party. Leave it first.',
  [ErrorCode.NOT_PARTY_LEADER]: 'Only the party leader can do this.',
  [ErrorCode.PAYMENTS_UNAVAILABLE]: 'Payments are not available right now. Your seat stays held; try again later.',
  [ErrorCode.ALREADY_PAID]: 'You already paid for this seat.',
  [ErrorCode.ALREADY_SUBSCRIBED]: 'You already have a plan. Change it from Billing.',
  [ErrorCode.NO_SUBSCRIPTION]: 'You have no plan subscription.',
  [ErrorCode.PRICE_UNAVAILABLE]: 'The price is not ready yet. Try again in a few seconds.',
  [ErrorCode.ILLEGAL_TRANSITION]: 'The campaign cannot make that step from its current status.',
  [ErrorCode.REGISTRATION_CLOSED]: 'This campaign is not taking registrations.',
  [ErrorCode.ALREADY_REGISTERED]: 'You (or a party member) are already registered.',
  [ErrorCode.BLOCKED]: 'A block between players keeps you out of this campaign.',
  [ErrorCode.PARTY_TOO_LARGE]: 'Your party is larger than the free seats.',
  [ErrorCode.NOT_ENOUGH_PLAYERS]: 'At least 2 paid seats are needed to schedule.',
  [ErrorCode.CAMPAIGN_NOT_RUNNING]: 'Actions are accepted only while a session is running.',
  [ErrorCode.ACCOUNT_SUSPENDED]: 'This account is suspended.',
  [ErrorCode.ACCOUNT_BANNED]: 'This account is banned.',
  [ErrorCode.ALREADY_APPEALED]: 'This action was already appealed.',
  [ErrorCode.APPEAL_WINDOW_CLOSED]: 'The appeal window has closed.',
  [ErrorCode.SAME_MODERATOR]: 'Another moderator must decide this appeal.',
  [ErrorCode.OPERATION_LIMIT_EXCEEDED]: 'The request was too large. Narrow it down.',
  NETWORK_ERROR: 'The server cannot be reached. Check your connection and try again.',
};

/** A sentence for a person, keeping the server's own message for input errors (it names the field's rule). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === ErrorCode.RATE_LIMITED) {
      const s = Number(error.extensions.retryAfterSeconds);
      return Number.isFinite(s) && s > 0 ? `Too many attempts. Try again in ${formatWait(s)}.` : 'Too many attempts. Try again later.';
    }
    if (error.code === ErrorCode.ACCOUNT_SUSPENDED && typeof error.extensions.until === 'string') {
      return `This account is suspended until ${new Date(error.extensions.until).toLocaleString()}.`;
    }
    if (error.code === ErrorCode.UNAUTHENTICATED && error.reason && MESSAGES[error.reason]) return MESSAGES[error.reason]!;
    if (error.code === ErrorCode.BAD_USER_INPUT || error.code === ErrorCode.WEAK_PASSWORD) return error.message;
    return MESSAGES[error.code] ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function errorCodeOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
