/**
 * Error codes every service puts in GraphQL `extensions.code` (and HTTP error bodies).
 * Clients (web app, partners) switch on these strings; never rename one.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  HANDLE_TAKEN: 'HANDLE_TAKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** OAuth: the provider is not configured on this deployment. */
  OAUTH_PROVIDER_UNAVAILABLE: 'OAUTH_PROVIDER_UNAVAILABLE',
  /** OAuth: the state is unknown, expired, already used, or belongs to another provider, intent or account. */
  OAUTH_STATE_INVALID: 'OAUTH_STATE_INVALID',
  /** OAuth: the provider's answer failed verification (token exchange/PKCE, id_token signature/iss/aud/exp/nonce, Steam assertion). */
  OAUTH_VERIFICATION_FAILED: 'OAUTH_VERIFICATION_FAILED',
  /** OAuth: the user (or the provider) declined the authorization. */
  OAUTH_DENIED: 'OAUTH_DENIED',
  /** OAuth: the provider's verified email belongs to an account that has not linked this provider: sign in and link it. */
  OAUTH_ACCOUNT_EXISTS: 'OAUTH_ACCOUNT_EXISTS',
  /** OAuth: this provider account is linked to another user, or this user already linked another account of the provider. */
  OAUTH_ALREADY_LINKED: 'OAUTH_ALREADY_LINKED',
  /** OAuth: unlinking would leave the account with no way to sign in (no password and no other provider). */
  OAUTH_LAST_SIGN_IN_METHOD: 'OAUTH_LAST_SIGN_IN_METHOD',
  /** Social: the two users are already friends. */
  ALREADY_FRIENDS: 'ALREADY_FRIENDS',
  /** Parties: the party has reached its maximum size. */
  PARTY_FULL: 'PARTY_FULL',
  /** Parties: the user is already in a party (leave it first). */
  ALREADY_IN_PARTY: 'ALREADY_IN_PARTY',
  /** Parties: only the party leader may do this. */
  NOT_PARTY_LEADER: 'NOT_PARTY_LEADER',
  /** Sign-in: the password (or provider) was right; finish with `verifyMfa(mfaToken, code)` (`extensions.mfaToken`). */
  MFA_REQUIRED: 'MFA_REQUIRED',
  /** MFA: the authenticator or recovery code is wrong, expired or already used. */
  INVALID_MFA_CODE: 'INVALID_MFA_CODE',
  /** Billing: payments are not configured on this deployment (no Stripe key) or the payment provider cannot be reached. */
  PAYMENTS_UNAVAILABLE: 'PAYMENTS_UNAVAILABLE',
  /** Billing: the caller already paid for this seat. */
  ALREADY_PAID: 'ALREADY_PAID',
  /** Billing: the caller already has a plan subscription (change it instead of buying another). */
  ALREADY_SUBSCRIBED: 'ALREADY_SUBSCRIBED',
  /** Billing: the operation needs a plan subscription and the caller has none. */
  NO_SUBSCRIPTION: 'NO_SUBSCRIPTION',
  /** Billing: the refund is larger than what remains refundable on the payment. */
  REFUND_EXCEEDS_PAYMENT: 'REFUND_EXCEEDS_PAYMENT',
  /** Billing: the campaign's price cannot be computed yet (billing has not received its configuration). */
  PRICE_UNAVAILABLE: 'PRICE_UNAVAILABLE',
  /** Billing webhooks: the Stripe-Signature header is missing, wrong, or too old. */
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  /** Campaigns: the lifecycle does not allow this step from the campaign's status (`extensions.from`, `extensions.to`). */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** Campaigns: the campaign does not take registrations now (not open, or invitation-only). */
  REGISTRATION_CLOSED: 'REGISTRATION_CLOSED',
  /** Campaigns: the player (or a member of the party) already holds a registration in this campaign or the matchmaking pool. */
  ALREADY_REGISTERED: 'ALREADY_REGISTERED',
  /** Campaigns: a block between the player (or a party member) and someone in the campaign keeps them apart. */
  BLOCKED: 'BLOCKED',
  /** Campaigns: the party is larger than the campaign's seats. */
  PARTY_TOO_LARGE: 'PARTY_TOO_LARGE',
  /** Campaigns: fewer paid seats than the minimum number of players. */
  NOT_ENOUGH_PLAYERS: 'NOT_ENOUGH_PLAYERS',
  /** Campaigns: actions are accepted only while the campaign is RUNNING. */
  CAMPAIGN_NOT_RUNNING: 'CAMPAIGN_NOT_RUNNING',
  /** Campaigns / gamehost: a moderation mute keeps the player from acting here (`extensions.until`: null = no end, `actionId`, `scope`: CAMPAIGN or PLATFORM, `reason`). */
  PLAYER_MUTED: 'PLAYER_MUTED',
  /** Campaigns / gamehost: moderation removed the player from this campaign; they may not rejoin or act in it (`extensions.actionId`, `reason`). */
  PLAYER_KICKED: 'PLAYER_KICKED',
  /** Sign-in / refresh: the account is suspended (`extensions.until`, `extensions.reason`, `extensions.policy`, `extensions.actionId`). */
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  /** Sign-in / refresh: the account is permanently banned (`extensions.reason`, `extensions.policy`, `extensions.actionId`). */
  ACCOUNT_BANNED: 'ACCOUNT_BANNED',
  /** Moderation: this action already has an appeal (one per action). */
  ALREADY_APPEALED: 'ALREADY_APPEALED',
  /** Moderation: the appeal window (six months from the action) has closed (`extensions.closedAt`). */
  APPEAL_WINDOW_CLOSED: 'APPEAL_WINDOW_CLOSED',
  /** Moderation: the moderator who took the action cannot decide its appeal. */
  SAME_MODERATOR: 'SAME_MODERATOR',
  /** Gateway: the operation exceeds a limit checked before execution (`extensions.limit`: depth, aliases, directives, tokens or cost; `extensions.max`). */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** Gateway: no document with that id (`extensions.persistedQuery.sha256Hash` / `documentId`) is registered for the caller. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Gateway: API keys here may run only registered trusted documents: send the document's id, not its text. */
  PERSISTED_QUERY_REQUIRED: 'PERSISTED_QUERY_REQUIRED',
  /** Gateway: a simple (CSRF-able) request: send `content-type: application/json` or a preflight header such as `x-graphql-client-name`. */
  CSRF_PREFLIGHT_REQUIRED: 'CSRF_PREFLIGHT_REQUIRED',
  /** Content safety: the text (or what was generated from it) breaks the content policy (`extensions.categories`, `extensions.stage`). */
  CONTENT_REJECTED: 'CONTENT_REJECTED',
  /** LLM spending: a budget (user, campaign or tier) cannot cover the call (llm-router's 402). */
  BUDGET_EXCEEDED: 'BUDGET_EXCEEDED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The `error.code` values of llm-router's HTTP API (OpenAI- and Anthropic-format error bodies): the platform's codes
 * where one fits, plus the router's own. Services calling the router branch on these.
 */
export const LlmRouterErrorCode = {
  BAD_USER_INPUT: ErrorCode.BAD_USER_INPUT,
  UNAUTHENTICATED: ErrorCode.UNAUTHENTICATED,
  FORBIDDEN: ErrorCode.FORBIDDEN,
  NOT_FOUND: ErrorCode.NOT_FOUND,
  RATE_LIMITED: ErrorCode.RATE_LIMITED,
  SERVICE_UNAVAILABLE: ErrorCode.SERVICE_UNAVAILABLE,
  INTERNAL_SERVER_ERROR: ErrorCode.INTERNAL_SERVER_ERROR,
  BUDGET_EXCEEDED: ErrorCode.BUDGET_EXCEEDED,
  /** A call without `x-startales-user` (or with malformed attribution). */
  ATTRIBUTION_REQUIRED: 'ATTRIBUTION_REQUIRED',
  /** No such model id or tier alias, or it has no price. */
  MODEL_NOT_FOUND: 'MODEL_NOT_FOUND',
  /** The provider rejected or failed the call (its status and message are passed on). */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
} as const;
export type LlmRouterErrorCode = (typeof LlmRouterErrorCode)[keyof typeof LlmRouterErrorCode];
