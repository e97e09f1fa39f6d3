import { graphql } from '../gql/index.ts';

export const FriendsDocument = graphql(`
  query Friends {
    me { id friends(first: 100) { totalCount edges { friendsSince node { id handle displayName avatarUrl } } } party { id } }
    incomingFriendRequests(first: 50) { totalCount edges { node { id createdAt from { id handle displayName } } } }
    outgoingFriendRequests(first: 50) { totalCount edges { node { id createdAt to { id handle displayName } } } }
  }
`);

export const PlayerDocument = graphql(`
  query Player($id: ID!) {
    user(id: $id) {
      id handle displayName avatarUrl bio createdAt friendStatus
      party { id size maxSize leader { id handle } }
    }
    me { id blockedUserIds party { id leader { id } } }
  }
`);

export const SendFriendRequestDocument = graphql(`
  mutation SendFriendRequest($userId: ID!) { sendFriendRequest(userId: $userId) { status request { id } user { id friendStatus } } }
`);

export const AcceptFriendRequestDocument = graphql(`
  mutation AcceptFriendRequest($requestId: ID!) { acceptFriendRequest(requestId: $requestId) { id friendStatus } }
`);

export const DeclineFriendRequestDocument = graphql(`
  mutation DeclineFriendRequest($requestId: ID!) { declineFriendRequest(requestId: $requestId) }
`);

export const CancelFriendRequestDocument = graphql(`
  mutation CancelFriendRequest($requestId: ID!) { cancelFriendRequest(requestId: $requestId) }
`);

export const RemoveFriendDocument = graphql(`
  mutation RemoveFriend($userId: ID!) { removeFriend(userId: $userId) }
`);

export const BlockUserDocument = graphql(`
  mutation BlockUser($userId: ID!) { blockUser(userId: $userId) { id } }
`);

export const UnblockUserDocument = graphql(`
  mutation UnblockUser($userId: ID!) { unblockUser(userId: $userId) { id } }
`);

export const ReportUserDocument = graphql(`
  mutation ReportUser($input: ReportUserInput!) { reportUser(input: $input) { id status createdAt } }
`);

export const PartyDocument = graphql(`
  query MyParty {
    me {
      id
      party {
        id size maxSize createdAt
        leader { id handle }
        members { id handle displayName }
        invites { id createdAt to { id handle } from { id handle } }
      }
      friends(first: 100) { edges { node { id handle displayName } } }
    }
    myPartyInvites(first: 25) { edges { node { id createdAt from { id handle } party { id size maxSize leader { id handle } } } } }
  }
`);

export const CreatePartyDocument = graphql(`
  mutation CreateParty($input: CreatePartyInput) { createParty(input: $input) { id } }
`);

export const InviteToPartyDocument = graphql(`
  mutation InviteToParty($partyId: ID!, $userId: ID!) { inviteToParty(partyId: $partyId, userId: $userId) { id } }
`);

export const AcceptPartyInviteDocument = graphql(`
  mutation AcceptPartyInvite($inviteId: ID!) { acceptPartyInvite(inviteId: $inviteId) { id } }
`);

export const DeclinePartyInviteDocument = graphql(`
  mutation DeclinePartyInvite($inviteId: ID!) { declinePartyInvite(inviteId: $inviteId) }
`);

export const CancelPartyInviteDocument = graphql(`
  mutation CancelPartyInvite($inviteId: ID!) { cancelPartyInvite(inviteId: $inviteId) }
`);

export const LeavePartyDocument = graphql(`
  mutation LeaveParty($partyId: ID!) { leaveParty(partyId: $partyId) }
`);

export const KickFromPartyDocument = graphql(`
  mutation KickFromParty($partyId: ID!, $userId: ID!) { kickFromParty(partyId: $partyId, userId: $userId) { id } }
`);

export const TransferPartyLeadershipDocument = graphql(`
  mutation TransferPartyLeadership($partyId: ID!, $userId: ID!) { transferPartyLeadership(partyId: $partyId, userId: $userId) { id } }
`);

export const DisbandPartyDocument = graphql(`
  mutation DisbandParty($partyId: ID!) { disbandParty(partyId: $partyId) }
`);
