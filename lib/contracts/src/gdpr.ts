/**
 * GDPR: data export and erasure. The users service requests on the DOMAIN stream (`domain.users.*`); every
 * service that holds user data answers on the GDPR stream (`gdpr.*`, kept 7 days, never consumed by analytics),
 * through its outbox, in the same transaction as the work it did.
 */
export const GdprEvent = {
  /** users → everyone: assemble what you hold on `userId` for export `exportId`. */
  EXPORT_REQUESTED: 'users.export_requested',
  /** users → everyone: the account is deleted; delete or anonymise everything you hold on `userId`. */
  USER_ERASED: 'users.erased',
  /** each service → users: its part of an export (subject `gdpr.export_part`). */
  EXPORT_PART: 'gdpr.export_part',
  /** each service → users: erasure done (subject `gdpr.erasure_ack`). */
  ERASURE_ACK: 'gdpr.erasure_ack',
} as const;
export type GdprEvent = (typeof GdprEvent)[keyof typeof GdprEvent];

/**
 * The services that hold user data and must answer export and erasure requests (the users service waits for
 * each one; a deployment can narrow the list with `GDPR_SERVICES`).
 */
export const GDPR_SERVICES = ['users', 'billing', 'campaigns', 'analytics', 'moderation', 'llm-router'] as const;
export type GdprService = (typeof GDPR_SERVICES)[number];

export interface ExportRequestedData {
  readonly exportId: string;
  readonly userId: string;
}
export interface UserErasedData {
  readonly userId: string;
  readonly erasedAt: string;
}
export interface ExportPartData {
  readonly exportId: string;
  readonly userId: string;
  readonly service: string;
  /** Everything the service holds on the user, as plain JSON. */
  readonly data: Record<string, unknown>;
}
export interface ErasureAckData {
  readonly userId: string;
  readonly service: string;
  readonly completedAt: string;
}
