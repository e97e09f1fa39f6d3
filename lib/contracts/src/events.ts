/**
 * Event envelope and the names of streams, subjects and events on NATS JetStream.
 *
 * Every name can be put under a namespace (`ns`): production uses none, each test run uses its own
 * so that runs sharing one NATS server never see each other's streams or messages.
 */

/** The envelope every event travels in; `id` is a UUIDv7 and doubles as the JetStream `Nats-Msg-Id`. */
export interface EventEnvelope<TData = unknown> {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  /** Who caused it: a user id, `system`, or `service:<name>`. */
  readonly actor: string;
  readonly data: TData;
  readonly v: number;
}

export const Stream = {
  GAME: 'GAME',
  USAGE: 'USAGE',
  DOMAIN: 'DOMAIN',
} as const;
export type Stream = (typeof Stream)[keyof typeof Stream];

/** Subject roots per stream (before namespacing). */
export const StreamSubjects: Record<Stream, string> = {
  GAME: 'game.>',
  USAGE: 'llm.usage.>',
  DOMAIN: 'domain.>',
};

/** Domain event types; the subject is `domain.<type>`. */
export const DomainEvent = {
  USER_REGISTERED: 'users.registered',
  USER_ROLE_CHANGED: 'users.role_changed',
  CAMPAIGN_CREATED: 'campaigns.created',
  MODERATION_REPORT_FILED: 'moderation.report_filed',
} as const;
export type DomainEvent = (typeof DomainEvent)[keyof typeof DomainEvent];

/** Durable consumer names; one per (service, purpose). */
export const Consumer = {
  ANALYTICS_DOMAIN: 'analytics-domain',
} as const;
export type Consumer = (typeof Consumer)[keyof typeof Consumer];

/** Prefixes a stream name with a namespace: `DOMAIN` → `t1_DOMAIN`. */
export function streamName(stream: Stream, ns = ''): string {
  return ns ? `${ns}_${stream}` : stream;
}

/** Prefixes a subject with a namespace: `domain.users.registered` → `t1.domain.users.registered`. */
export function subject(subj: string, ns = ''): string {
  return ns ? `${ns}.${subj}` : subj;
}

/** The subject a domain event is published on. */
export function domainSubject(type: DomainEvent | string, ns = ''): string {
  return subject(`domain.${type}`, ns);
}

/** Payload of `domain.users.registered`. */
export interface UserRegisteredData {
  readonly userId: string;
  readonly handle: string;
  readonly registeredAt: string;
}

/** Payload of `domain.campaigns.created`. */
export interface CampaignCreatedData {
  readonly campaignId: string;
  readonly ownerId: string;
  readonly title: string;
  readonly llmTier: string;
  readonly lengthWeeks: number;
  readonly maxPlayers: number;
}

/** Payload of `domain.moderation.report_filed`. */
export interface ReportFiledData {
  readonly reportId: string;
  readonly reporterId: string;
  readonly userId: string;
  readonly reason: string;
}
