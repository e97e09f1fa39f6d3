import {
  Consumer,
  DomainEvent,
  Stream,
  type PartyCreatedData,
  type PartyDisbandedData,
  type PartyLeaderChangedData,
  type PartyMemberJoinedData,
  type PartyMemberLeftData,
  type UserBlockData,
  type UserHandleChangedData,
  type UserRegisteredData,
} from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type EntityManager, type Logger, type Orm } from '@startales/kit';

const T = `"campaigns"`;

async function setMembers(tx: EntityManager, partyId: string, memberIds: readonly string[], seq: number, disbanded: boolean) {
  await tx.execute(
    `insert into ${T}."party_view" (party_id, leader_id, leader_seq, member_ids, members_seq, disbanded, updated_at) values (?, null, 0, ?::jsonb, ?, ?, now())
     on conflict (party_id) do update set member_ids = excluded.member_ids, members_seq = excluded.members_seq, disbanded = excluded.disbanded, updated_at = now()
     where ${T}."party_view".members_seq < excluded.members_seq`,
    [partyId, JSON.stringify([...memberIds].sort()), seq, disbanded],
  );
}

async function setLeader(tx: EntityManager, partyId: string, leaderId: string, seq: number) {
  await tx.execute(
    `insert into ${T}."party_view" (party_id, leader_id, leader_seq, member_ids, members_seq, disbanded, updated_at) values (?, ?, ?, '[]'::jsonb, 0, false, now())
     on conflict (party_id) do update set leader_id = excluded.leader_id, leader_seq = excluded.leader_seq, updated_at = now()
     where ${T}."party_view".leader_seq < excluded.leader_seq`,
    [partyId, leaderId, seq],
  );
}

async function setBlock(tx: EntityManager, data: UserBlockData, active: boolean, seq: number) {
  await tx.execute(
    `insert into ${T}."block_view" (blocker_id, blocked_id, active, seq, updated_at) values (?, ?, ?, ?, now())
     on conflict (blocker_id, blocked_id) do update set active = excluded.active, seq = excluded.seq, updated_at = now()
     where ${T}."block_view".seq < excluded.seq`,
    [data.blockerId, data.blockedId, active, seq],
  );
}

async function setHandle(tx: EntityManager, userId: string, handle: string, seq: number) {
  await tx.execute(
    `insert into ${T}."player_view" (user_id, handle, seq) values (?, ?, ?)
     on conflict (user_id) do update set handle = excluded.handle, seq = excluded.seq where ${T}."player_view".seq < excluded.seq`,
    [userId, handle.slice(0, 40), seq],
  );
}

/**
 * Applies one `domain.users.*` event to the projections (parties, blocks, handles). Every row remembers the DOMAIN
 * stream sequence that last set it, so a late redelivery of an older event never undoes a newer one.
 */
export async function applyUsersEvent(tx: EntityManager, type: string, data: unknown, seq: number): Promise<void> {
  switch (type) {
    case DomainEvent.PARTY_CREATED: {
      const d = data as PartyCreatedData;
      await setLeader(tx, d.partyId, d.leaderId, seq);
      await setMembers(tx, d.partyId, d.memberIds, seq, false);
      return;
    }
    case DomainEvent.PARTY_MEMBER_JOINED:
    case DomainEvent.PARTY_MEMBER_LEFT: {
      const d = data as PartyMemberJoinedData | PartyMemberLeftData;
      await setMembers(tx, d.partyId, d.memberIds, seq, d.memberIds.length === 0);
      return;
    }
    case DomainEvent.PARTY_LEADER_CHANGED: {
      const d = data as PartyLeaderChangedData;
      await setLeader(tx, d.partyId, d.leaderId, seq);
      return;
    }
    case DomainEvent.PARTY_DISBANDED: {
      await setMembers(tx, (data as PartyDisbandedData).partyId, [], seq, true);
      return;
    }
    case DomainEvent.USER_BLOCKED:
    case DomainEvent.USER_UNBLOCKED:
      await setBlock(tx, data as UserBlockData, type === DomainEvent.USER_BLOCKED, seq);
      return;
    case DomainEvent.USER_REGISTERED: {
      const d = data as UserRegisteredData;
      await setHandle(tx, d.userId, d.handle, seq);
      return;
    }
    case DomainEvent.USER_HANDLE_CHANGED: {
      const d = data as UserHandleChangedData;
      await setHandle(tx, d.userId, d.handle, seq);
      return;
    }
  }
}

/** Durable consumer of `domain.users.>` feeding the projections; one event at a time, in stream order. */
export function startUsersConsumer(options: { bus: Bus; orm: Orm; logger: Logger }) {
  return startIdempotentConsumer({
    ...options,
    stream: Stream.DOMAIN,
    durable: Consumer.CAMPAIGNS_USERS,
    filterSubject: 'domain.users.>',
    concurrency: 1,
    handle: (tx, event, msg) => applyUsersEvent(tx, event.type, event.data, msg.seq),
  });
}
