import { graphql } from '../gql/index.ts';

export const OpenCampaignsDocument = graphql(`
  query OpenCampaigns($filter: CampaignFilter, $first: Int, $after: String) {
    openCampaigns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id title mode difficulty lengthWeeks playHoursPerWeek llmTier maxPlayers seatsLeft seatsTaken language startsAt
          schedule { weekday time timezone }
          price { perPlayerCents currency }
          owner { id handle }
        }
      }
    }
  }
`);

export const CampaignDocument = graphql(`
  query Campaign($id: ID!) {
    campaign(id: $id) {
      id title seed mode difficulty lengthWeeks playHoursPerWeek sessionMinutes llmTier maxPlayers language visibility
      startsAt endsAt status seatsTaken seatsLeft currentSession cancelReason createdAt
      schedule { weekday time timezone }
      sessions { index startsAt endsAt }
      price { perPlayerCents totalCents currency priceBook }
      owner { id handle displayName }
      prose { status text }
      skeleton { backstory { setting threat hook } objectives { id act text } npcs { id name role } }
      myRegistration { id status waitlistPosition holdExpiresAt paidAt source }
      roster { id status player { id handle displayName } }
      waitlist { id waitlistPosition player { id handle } }
    }
    me { id roles party { id size leader { id } } }
  }
`);

export const CreateCampaignDocument = graphql(`
  mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id title status } }
`);

export const JoinCampaignDocument = graphql(`
  mutation JoinCampaign($campaignId: ID!) { joinCampaign(campaignId: $campaignId) { id status waitlistPosition holdExpiresAt } }
`);

export const JoinCampaignWithPartyDocument = graphql(`
  mutation JoinCampaignWithParty($campaignId: ID!, $partyId: ID!) { joinCampaignWithParty(campaignId: $campaignId, partyId: $partyId) { id status waitlistPosition } }
`);

export const LeaveCampaignDocument = graphql(`
  mutation LeaveCampaign($campaignId: ID!) { leaveCampaign(campaignId: $campaignId) { id status } }
`);

export const OpenRegistrationDocument = graphql(`
  mutation OpenRegistration($campaignId: ID!) { openRegistration(campaignId: $campaignId) { id status } }
`);

export const StartMatchingDocument = graphql(`
  mutation StartMatching($campaignId: ID!) { startMatching(campaignId: $campaignId) { id status } }
`);

export const ScheduleCampaignDocument = graphql(`
  mutation ScheduleCampaign($campaignId: ID!) { scheduleCampaign(campaignId: $campaignId) { id status } }
`);

export const CancelCampaignDocument = graphql(`
  mutation CancelCampaign($campaignId: ID!, $reason: String) { cancelCampaign(campaignId: $campaignId, reason: $reason) { id status } }
`);

export const CheckoutSeatDocument = graphql(`
  mutation CheckoutSeat($campaignId: ID!) { checkoutSeat(campaignId: $campaignId) { id url amountCents currency expiresAt } }
`);

export const MyCampaignsDocument = graphql(`
  query MyCampaigns {
    myCampaigns { id title status startsAt seatsTaken maxPlayers llmTier mode }
    myRegistrations { id status waitlistPosition holdExpiresAt paidAt campaign { id title status startsAt mode llmTier } }
    myCampaignInvitations { id createdAt inviter { id handle } campaign { id title startsAt } }
    me { id gameHistory(first: 20) { totalCount edges { node { id title status endsAt } } } }
  }
`);

export const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($invitationId: ID!) { acceptCampaignInvitation(invitationId: $invitationId) { id status } }
`);

export const DeclineInvitationDocument = graphql(`
  mutation DeclineInvitation($invitationId: ID!) { declineCampaignInvitation(invitationId: $invitationId) { id status } }
`);

export const SubmitActionDocument = graphql(`
  mutation SubmitAction($campaignId: ID!, $action: ActionInput!) { submitAction(campaignId: $campaignId, action: $action) { actionId eventId duplicate submittedAt } }
`);

export const LiveCampaignDocument = graphql(`
  query LiveCampaign($id: ID!) {
    campaign(id: $id) { id title status currentSession sessions { index startsAt endsAt } myRegistration { status } owner { id } }
    me { id handle }
  }
`);
