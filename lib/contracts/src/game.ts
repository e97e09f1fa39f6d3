/**
 * The GAME stream: everything that happens in a campaign, in order, on `game.<campaignId>.<kind>`.
 * campaigns publishes what players and the schedule decide; gamehost consumes a campaign's subjects, applies
 * them to the campaign's authoritative state through a pure reducer, and publishes what the game master
 * produced (narration is recorded as an event, so a replay never calls the LLM again).
 */

/** The `<kind>` segment of a game subject. */
export const GameSubjectKind = {
  /** campaigns → gamehost: lifecycle, roster and schedule changes. */
  LIFECYCLE: 'lifecycle',
  /** campaigns → gamehost: validated player commands (`submitAction`). */
  COMMANDS: 'commands',
  /** gamehost → everyone: turn outcomes and recorded narration. */
  OUTCOMES: 'outcomes',
} as const;
export type GameSubjectKind = (typeof GameSubjectKind)[keyof typeof GameSubjectKind];

/** `game.<campaignId>.<kind>` (before namespacing). */
export function gameSubject(campaignId: string, kind: GameSubjectKind): string {
  return `game.${campaignId}.${kind}`;
}

/** Envelope `type`s on the GAME stream. */
export const GameEvent = {
  /** The campaign is set up: config, seed and the generated skeleton (and its prose, once written). */
  CAMPAIGN_OPENED: 'game.campaign_opened',
  PLAYER_JOINED: 'game.player_joined',
  PLAYER_LEFT: 'game.player_left',
  SESSION_STARTED: 'game.session_started',
  SESSION_ENDED: 'game.session_ended',
  ACTION_SUBMITTED: 'game.action_submitted',
  /** gamehost: the game master's narration for a turn, recorded once it is complete. */
  NARRATION_RECORDED: 'game.narration_recorded',
  CAMPAIGN_COMPLETED: 'game.campaign_completed',
  CAMPAIGN_CANCELLED: 'game.campaign_cancelled',
  /**
   * gamehost (from `domain.moderation.action`) → the campaign's reducer, on `game.<id>.lifecycle`: a MUTE or KICK now
   * applies to a player of this campaign (payload `PlayerSanctionedData`).
   */
  PLAYER_SANCTIONED: 'game.player_sanctioned',
  /** gamehost (from `domain.moderation.action_revoked`) → the reducer: the named sanction no longer applies (payload `PlayerSanctionLiftedData`). */
  PLAYER_SANCTION_LIFTED: 'game.player_sanction_lifted',
} as const;
export type GameEvent = (typeof GameEvent)[keyof typeof GameEvent];

export interface CampaignOpenedData {
  campaignId: string;
  seed: string;
  title: string;
  mode: string;
  llmTier: string;
  lengthWeeks: number;
  playHoursPerWeek: number;
  maxPlayers: number;
  startsAt: string;
  /** Weekly schedule (or one 24-hour window for one-shots), ISO instants. */
  sessions: Array<{ index: number; startsAt: string; endsAt: string }>;
  /** Added by campaigns (optional for older events): the rest of the config and the stored prose. */
  difficulty?: string;
  /** Length of one session in minutes (1440 for a one-shot's 24-hour window). */
  sessionMinutes?: number;
  /** IANA time zone the schedule is anchored in. */
  timezone?: string;
  /** BCP-47 language the campaign is played in. */
  language?: string;
  ownerId?: string;
  /** The AI-written prose over the skeleton (null while it is still being written: then it never changes the skeleton). */
  prose?: string | null;
}

export interface PlayerJoinedData {
  campaignId: string;
  userId: string;
  handle: string;
}

export interface PlayerLeftData {
  campaignId: string;
  userId: string;
  reason: 'left' | 'kicked' | 'erased';
}

/** What a campaign's reducer enforces of a moderation action (`ModerationActionData` narrowed to one campaign). */
export interface PlayerSanctionedData {
  campaignId: string;
  userId: string;
  /** The moderation action's id (a second event for the same action changes nothing). */
  actionId: string;
  type: 'MUTE' | 'KICK';
  /** PLATFORM: a platform-wide mute (moderation's `campaignId` was null) applied to this campaign. */
  scope: 'CAMPAIGN' | 'PLATFORM';
  startsAt: string;
  /** Null: no end (always null for a KICK). */
  expiresAt: string | null;
}

export interface PlayerSanctionLiftedData {
  campaignId: string;
  userId: string;
  actionId: string;
  liftedAt: string;
}

export interface SessionData {
  campaignId: string;
  index: number;
}

export interface ActionSubmittedData {
  campaignId: string;
  userId: string;
  /** Client-chosen id, unique per player, so a retried submit is one action. */
  actionId: string;
  text: string;
}

export interface NarrationRecordedData {
  campaignId: string;
  turn: number;
  text: string;
  model: string;
  costMicros: number;
  /**
   * The last stream sequence the game master's prompt saw: the turn's actions up to it were narrated, later ones
   * carry over to the next turn (absent: every pending action was narrated).
   */
  throughSeq?: number;
}

/** gamehost's durable JetStream consumer of one campaign's `game.<id>.>` (recreated by each new owner). */
export function gamehostCampaignConsumer(campaignId: string): string {
  return `gamehost-c-${campaignId}`;
}

/**
 * The live socket, `wss://<owning gamehost>/campaigns/<id>/live?token=<access token>[&lastSeq=<n>]`: server → client
 * JSON messages only (players act through campaigns' `submitAction`). Close codes tell the client what to do.
 */
export const LiveCloseCode = {
  /** The host is stopping or gave the campaign up: ask `GET /campaigns/<id>/owner` (any host) and reconnect with `lastSeq`. */
  GOING_AWAY: 1001,
  /** No, an invalid or an expired access token; the reason is the error code (`TOKEN_EXPIRED`, `INVALID_TOKEN`, …). */
  UNAUTHENTICATED: 4401,
  /** Not a player of this campaign (never joined, or left). */
  FORBIDDEN: 4403,
  /** No such campaign (never opened). */
  NOT_FOUND: 4404,
  /** This host does not own the campaign: the reason is the owner's base URL when known; else ask `GET /campaigns/<id>/owner`. */
  NOT_OWNER: 4409,
  /** The campaign is over (completed or cancelled). */
  ENDED: 4410,
  /** A new owner is still replaying past the client's `lastSeq`: reconnect in a moment. */
  TRY_AGAIN_LATER: 1013,
} as const;
export type LiveCloseCode = (typeof LiveCloseCode)[keyof typeof LiveCloseCode];

/** Reasons of a `FORBIDDEN` close that a client tells apart (a kicked player must not be told to buy a seat). */
export const LiveCloseReason = {
  /** A moderator kicked the player from this campaign: stop, and say so. */
  REMOVED_BY_MODERATOR: 'removed from this campaign by a moderator',
  NOT_A_PLAYER: 'not a player of this campaign',
} as const;
export type LiveCloseReason = (typeof LiveCloseReason)[keyof typeof LiveCloseReason];

export const LiveMessageType = {
  /** First message: who serves the campaign and the sequence the state is at. */
  HELLO: 'hello',
  /** The whole state (first connect, or a `lastSeq` older than the host's log). */
  SYNC: 'sync',
  /** One applied stream event, in sequence order, with the JSON Patch (RFC 6902) that turns the previous state into the new one. */
  EVENT: 'event',
  /** Narration text as the game master produces it (not sequenced; the recorded narration follows as an EVENT). */
  NARRATION_DELTA: 'narration.delta',
  /** To the acting player only (not sequenced): their action reached the host but was not applied (a mute or a kick). */
  ACTION_REJECTED: 'action.rejected',
} as const;
export type LiveMessageType = (typeof LiveMessageType)[keyof typeof LiveMessageType];

export interface LivePlayer {
  userId: string;
  handle: string;
  active: boolean;
  /** Actions accepted from this player. */
  actions: number;
  /** The player's last few action ids (a retried submit is recognised and not applied twice). */
  recentActionIds: string[];
}

export interface LiveSession {
  index: number;
  startsAt: string;
  endsAt: string;
  status: 'pending' | 'open' | 'closed';
}

export interface LivePendingAction {
  seq: number;
  userId: string;
  actionId: string;
  text: string;
  /** When campaigns accepted it (the event's `occurredAt`). */
  at: string;
}

/** A moderation sanction in force in a campaign (from PLAYER_SANCTIONED; dropped when lifted). */
export interface LiveSanction {
  actionId: string;
  userId: string;
  type: 'MUTE' | 'KICK';
  scope: 'CAMPAIGN' | 'PLATFORM';
  startsAt: string;
  /** Null: no end. */
  expiresAt: string | null;
}

/**
 * A campaign's authoritative state as gamehost's reducer builds it from the campaign's stream (and sends it in
 * SYNC); EVENT messages carry the changes as a JSON Patch.
 */
export interface LiveCampaignState {
  v: 1;
  campaignId: string;
  status: 'unopened' | 'scheduled' | 'running' | 'completed' | 'cancelled';
  config: Omit<CampaignOpenedData, 'sessions' | 'campaignId' | 'ownerId'> & { ownerId: string | null } | null;
  sessions: LiveSession[];
  currentSession: number | null;
  players: LivePlayer[];
  /** The turn being played (1-based): its actions are `pending` until the game master narrates it. */
  turn: number;
  pending: LivePendingAction[];
  /** The last few recorded narrations. */
  recent: Array<{ turn: number; seq: number; text: string }>;
  narrations: number;
  narrationCostMicros: number;
  /** Mutes and kicks in force (absent in states saved before sanctions existed: read as empty). */
  sanctions?: LiveSanction[];
  /** Stream sequence of the last event on `game.<id>.outcomes` (gamehost publishes its outcomes against it). */
  lastOutcomeSeq: number;
  /** Stream sequence of the last applied event. */
  lastSeq: number;
  /** Stream messages applied (each exactly once). */
  applied: number;
  /** A hash chained over every applied (sequence, event id): two states with the same digest saw the same events. */
  digest: string;
}

export interface LiveHelloMessage {
  type: 'hello';
  campaignId: string;
  hostId: string;
  /** Sequence of the last applied event; messages follow in order from the client's `lastSeq` (or a SYNC). */
  seq: number;
}

export interface LiveSyncMessage {
  type: 'sync';
  seq: number;
  state: LiveCampaignState;
}

/**
 * One JSON Patch (RFC 6902) operation on the state: `replace` of a field or an array element (`/players/3`), `add`
 * at the end of an array (`/pending/-`). The bookkeeping fields `lastSeq`, `applied`, `digest` and `lastOutcomeSeq`
 * are not patched (`lastSeq` is the message's `seq`).
 */
export type LivePatchOp = { op: 'replace'; path: string; value: unknown } | { op: 'add'; path: string; value: unknown };

export interface LiveEventMessage {
  type: 'event';
  seq: number;
  event: { id: string; type: string; occurredAt: string; actor: string; data: unknown };
  patch: LivePatchOp[];
}

export interface LiveNarrationDeltaMessage {
  type: 'narration.delta';
  turn: number;
  text: string;
}

/** Sent only to the player whose action (`seq` on the stream) the host did not apply. */
export interface LiveActionRejectedMessage {
  type: 'action.rejected';
  seq: number;
  actionId: string;
  /** `PLAYER_MUTED` or `PLAYER_KICKED` (lib/contracts ErrorCode). */
  code: string;
  message: string;
  /** The mute's end (null: no end, or a kick). */
  until: string | null;
}

export type LiveMessage = LiveHelloMessage | LiveSyncMessage | LiveEventMessage | LiveNarrationDeltaMessage | LiveActionRejectedMessage;
