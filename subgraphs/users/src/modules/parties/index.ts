import { Role } from '@startales/contracts';
import { requireUser, toExportJson, type RequestContext } from '@startales/kit';
import type { User } from '../../entities/user.entity.ts';
import type { UsersModule } from '../types.ts';
import { findUserOrFail } from '../social/errors.ts';
import { keysetPage, type PageArgs } from '../social/connection.ts';
import { forget, memo } from '../social/memo.ts';
import { usersByIds } from '../social/users.ts';
import { profileAccess, seesDetails } from '../profile/privacy.ts';
import { Party } from './entities/party.entity.ts';
import { PartyMember } from './entities/party-member.entity.ts';
import { PartyInvite } from './entities/party-invite.entity.ts';
import { createPartiesService, leaveCurrentParty, memberIds, partyOf } from './service.ts';
import { DEFAULT_PARTY_LIMITS, checkPartyLimits, type PartySizeInput } from './model.ts';
import typeDefs from './schema.graphql' with { type: 'text' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const membersOf = (ctx: RequestContext, partyId: string) => memo(ctx, `members:${partyId}`, () => memberIds(ctx.em, partyId));
const userById = (ctx: RequestContext, id: string) => memo(ctx, `user:${id}`, () => findUserOrFail(ctx.em, id, 'id'));

/** Members, admins and moderators see a party's invites and can look it up by id. */
async function isInsider(ctx: RequestContext, party: Party): Promise<boolean> {
  const principal = ctx.auth.principal;
  if (!principal) return false;
  if (principal.roles.includes(Role.ADMIN) || principal.roles.includes(Role.MODERATOR)) return true;
  return (await membersOf(ctx, party.id)).includes(principal.userId);
}

/** Parties: the `Party` entity (for campaigns to reference), `User.party`, invites and membership mutations. */
export const partiesModule: UsersModule = {
  name: 'parties',
  typeDefs,
  entities: [Party, PartyMember, PartyInvite],
  gdpr: {
    async exportUser(em, userId) {
      const membership = await em.findOne(PartyMember, { userId });
      const party = membership && (await em.findOne(Party, { id: membership.partyId }));
      const invites = await em.find(PartyInvite, { $or: [{ inviterId: userId }, { inviteeId: userId }] }, { orderBy: { id: 'asc' } });
      return {
        party: party ? { partyId: party.id, joinedAt: membership.joinedAt.toISOString(), leader: party.leaderId === userId } : null,
        pendingInvites: toExportJson(invites),
      };
    },
    // leaves the party as a member would (events, new leader, disband when last), then drops pending invites
    async eraseUser(em, userId) {
      await leaveCurrentParty(em, userId, 'service:users');
      await em.nativeDelete(PartyInvite, { $or: [{ inviterId: userId }, { inviteeId: userId }] });
    },
  },
  createResolvers: ({ deps }) => {
    const limits = checkPartyLimits({
      maxSizeCap: deps.partyMaxSize ?? DEFAULT_PARTY_LIMITS.maxSizeCap,
      defaultSize: deps.partyDefaultSize ?? Math.min(DEFAULT_PARTY_LIMITS.defaultSize, deps.partyMaxSize ?? DEFAULT_PARTY_LIMITS.maxSizeCap),
    });
    const service = createPartiesService({ limits, afterCommit: deps.outbox.kick });
    /** Runs a mutation as the signed-in user, then drops the request's cached relations so the result is fresh. */
    const mutate = async <T>(ctx: RequestContext, run: (userId: string) => Promise<T>): Promise<T> => {
      const result = await run(requireUser(ctx.auth).userId);
      forget(ctx);
      return result;
    };
    return {
      Query: {
        party: async (_: unknown, args: { id: string }, ctx: RequestContext) => {
          const principal = requireUser(ctx.auth);
          if (!UUID.test(args.id)) return null;
          const party = await ctx.em.findOne(Party, { id: args.id.toLowerCase() });
          if (!party) return null;
          if (await isInsider(ctx, party)) return party;
          return (await ctx.em.count(PartyInvite, { partyId: party.id, inviteeId: principal.userId })) ? party : null;
        },
        myPartyInvites: (_: unknown, args: PageArgs, ctx: RequestContext) =>
          keysetPage(ctx.em, PartyInvite, { inviteeId: requireUser(ctx.auth).userId }, args, async (rows, cursor) =>
            rows.map((node) => ({ cursor: cursor(node), node })),
          ),
      },
      Mutation: {
        createParty: (_: unknown, args: { input?: PartySizeInput | null }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.create(ctx.em, id, args.input)),
        updateParty: (_: unknown, args: { partyId: string; input: PartySizeInput }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.resize(ctx.em, id, args.partyId, args.input)),
        inviteToParty: (_: unknown, args: { partyId: string; userId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.invite(ctx.em, id, args.partyId, args.userId)),
        acceptPartyInvite: (_: unknown, args: { inviteId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.accept(ctx.em, id, args.inviteId)),
        declinePartyInvite: (_: unknown, args: { inviteId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.decline(ctx.em, id, args.inviteId)),
        cancelPartyInvite: (_: unknown, args: { inviteId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.cancel(ctx.em, id, args.inviteId)),
        leaveParty: (_: unknown, args: { partyId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.leave(ctx.em, id, args.partyId)),
        kickFromParty: (_: unknown, args: { partyId: string; userId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.kick(ctx.em, id, args.partyId, args.userId)),
        transferPartyLeadership: (_: unknown, args: { partyId: string; userId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.transferLeadership(ctx.em, id, args.partyId, args.userId)),
        disbandParty: (_: unknown, args: { partyId: string }, ctx: RequestContext) =>
          mutate(ctx, (id) => service.disband(ctx.em, id, args.partyId)),
      },
      Party: {
        // Other subgraphs (campaigns) reference parties they have reason to show; they decide who sees the reference.
        __resolveReference: (ref: { id: string }, ctx: RequestContext) =>
          UUID.test(ref.id) ? ctx.em.findOne(Party, { id: ref.id.toLowerCase() }) : null,
        leader: (party: Party, _: unknown, ctx: RequestContext) => userById(ctx, party.leaderId),
        members: async (party: Party, _: unknown, ctx: RequestContext) => usersByIds(ctx.em, await membersOf(ctx, party.id)),
        size: async (party: Party, _: unknown, ctx: RequestContext) => (await membersOf(ctx, party.id)).length,
        invites: async (party: Party, _: unknown, ctx: RequestContext) =>
          (await isInsider(ctx, party)) ? ctx.em.find(PartyInvite, { partyId: party.id }, { orderBy: { id: 'desc' } }) : [],
      },
      PartyInvite: {
        party: (invite: PartyInvite, _: unknown, ctx: RequestContext) => ctx.em.findOneOrFail(Party, { id: invite.partyId }),
        from: (invite: PartyInvite, _: unknown, ctx: RequestContext) => userById(ctx, invite.inviterId),
        to: (invite: PartyInvite, _: unknown, ctx: RequestContext) => userById(ctx, invite.inviteeId),
      },
      User: {
        party: async (user: User, _: unknown, ctx: RequestContext) =>
          seesDetails(await profileAccess(ctx, user.id)) ? memo(ctx, `party:${user.id}`, () => partyOf(ctx.em, user.id)) : null,
      },
    };
  },
};
