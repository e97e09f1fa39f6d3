/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id handle email emailVerified roles createdAt displayName avatarUrl bio\n      mfaEnabled mfaRecoveryCodesRemaining\n      linkedAccounts { provider displayName email linkedAt lastUsedAt }\n      preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } }\n      privacy { profileVisibility friendRequests }\n    }\n    oauthProviders\n  }\n": typeof types.MeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl bio } }\n": typeof types.UpdateProfileDocument,
    "\n  mutation UpdatePreferences($input: UpdatePreferencesInput!) {\n    updatePreferences(input: $input) { id preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } } }\n  }\n": typeof types.UpdatePreferencesDocument,
    "\n  mutation UpdatePrivacy($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { id privacy { profileVisibility friendRequests } } }\n": typeof types.UpdatePrivacyDocument,
    "\n  mutation ChangeHandle($handle: String!) { changeHandle(handle: $handle) { id handle } }\n": typeof types.ChangeHandleDocument,
    "\n  mutation EnrollMfa { enrollMfa { secret otpauthUri issuer expiresAt } }\n": typeof types.EnrollMfaDocument,
    "\n  mutation ConfirmMfa($code: String!) {\n    confirmMfa(code: $code) {\n      recoveryCodes\n      session { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n    }\n  }\n": typeof types.ConfirmMfaDocument,
    "\n  mutation DisableMfa($code: String!) { disableMfa(code: $code) }\n": typeof types.DisableMfaDocument,
    "\n  mutation UnlinkOAuth($provider: OAuthProvider!) { unlinkOAuthAccount(provider: $provider) { provider } }\n": typeof types.UnlinkOAuthDocument,
    "\n  mutation ExportMyData { exportMyData { id status requestedAt readyAt expiresAt downloadUrl } }\n": typeof types.ExportMyDataDocument,
    "\n  query MyDataExports { myDataExports { id status requestedAt readyAt expiresAt } }\n": typeof types.MyDataExportsDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }\n": typeof types.DeleteMyAccountDocument,
    "\n  query MyModerationActions {\n    myModerationActions(first: 25) {\n      edges { node { id type policy statement startsAt expiresAt active canAppeal appealableUntil appeal { id status decisionNote } } }\n    }\n  }\n": typeof types.MyModerationActionsDocument,
    "\n  mutation AppealAction($actionId: ID!, $statement: String!) { appealModerationAction(actionId: $actionId, statement: $statement) { id status } }\n": typeof types.AppealActionDocument,
    "\n  query PlatformStats { platformStats { users campaigns } }\n": typeof types.PlatformStatsDocument,
    "\n  query ModerationQueue($filter: ModerationQueueFilter, $after: String) {\n    moderationQueue(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt\n          user { id handle }\n          assignee { id handle }\n        }\n      }\n    }\n  }\n": typeof types.ModerationQueueDocument,
    "\n  query ModerationCase($id: ID!) {\n    moderationCase(id: $id) {\n      id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt updatedAt closedAt resolution\n      user { id handle displayName }\n      campaign { id title }\n      assignee { id handle }\n      closedBy { id handle }\n      content { id kind text occurredAt hidden author { id handle } }\n      reports { id reason details status createdAt reporter { id handle } evidence { capturedAt sequence items { id kind text occurredAt author { handle } } } }\n      flags { id source category score hid createdAt }\n      notes { id body createdAt author { id handle } }\n      actions { id type policy statement startsAt expiresAt active createdAt moderator { id handle } }\n    }\n  }\n": typeof types.ModerationCaseDocument,
    "\n  mutation TakeModerationAction($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id type active expiresAt } }\n": typeof types.TakeModerationActionDocument,
    "\n  mutation AssignCase($id: ID!) { assignModerationCase(id: $id) { id assignee { id handle } } }\n": typeof types.AssignCaseDocument,
    "\n  mutation DismissCase($id: ID!, $reason: String!) { dismissModerationCase(id: $id, reason: $reason) { id status } }\n": typeof types.DismissCaseDocument,
    "\n  mutation AddCaseNote($caseId: ID!, $body: String!) { addModerationCaseNote(caseId: $caseId, body: $body) { id } }\n": typeof types.AddCaseNoteDocument,
    "\n  mutation SetCaseTier($id: ID!, $tier: ModerationTier!, $reason: String!) { setModerationCaseTier(id: $id, tier: $tier, reason: $reason) { id tier } }\n": typeof types.SetCaseTierDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id handle email emailVerified roles createdAt mfaEnabled displayName\n      strikes { active total nextDecayAt nextPenalty { atStrikes type durationMinutes } }\n      moderationActions(first: 25) { edges { node { id type policy statement active startsAt expiresAt createdAt moderator { handle } } } }\n      reports { id reason status createdAt reporter { handle } }\n    }\n  }\n": typeof types.AdminUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles } }\n": typeof types.SetUserRolesDocument,
    "\n  query ModerationAuditLog($filter: ModerationAuditFilter, $after: String) {\n    moderationAuditLog(filter: $filter, first: 25, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId before after createdAt } }\n    }\n  }\n": typeof types.ModerationAuditLogDocument,
    "\n  query AccountAuditLog($targetUserId: ID, $after: String) {\n    accountAuditLog(first: 25, after: $after, targetUserId: $targetUserId) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId targetUser { handle } before after createdAt } }\n    }\n  }\n": typeof types.AccountAuditLogDocument,
    "\n  query ModerationAppeals {\n    moderationAppeals(first: 25) {\n      totalCount\n      edges { node { id statement status createdAt action { id type policy statement user { id handle } } } }\n    }\n  }\n": typeof types.ModerationAppealsDocument,
    "\n  mutation DecideAppeal($id: ID!, $decision: ModerationAppealDecision!, $note: String!) { decideModerationAppeal(id: $id, decision: $decision, note: $note) { id status } }\n": typeof types.DecideAppealDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation VerifyMfa($mfaToken: String!, $code: String!) {\n    verifyMfa(mfaToken: $mfaToken, code: $code) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": typeof types.VerifyMfaDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.LogoutDocument,
    "\n  mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerification { resendVerificationEmail }\n": typeof types.ResendVerificationDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }\n": typeof types.ResetPasswordDocument,
    "\n  query OAuthProviders { oauthProviders }\n": typeof types.OAuthProvidersDocument,
    "\n  mutation OAuthStart($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state expiresAt } }\n": typeof types.OAuthStartDocument,
    "\n  mutation OAuthComplete($input: OAuthCompleteInput!) {\n    oauthComplete(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": typeof types.OAuthCompleteDocument,
    "\n  mutation LinkOAuth($input: OAuthCompleteInput!) { linkOAuthAccount(input: $input) { provider displayName email linkedAt } }\n": typeof types.LinkOAuthDocument,
    "\n  query BillingHistory {\n    me {\n      id\n      subscription { id plan interval addOns status currentPeriodEnd cancelAtPeriodEnd monthlyAmountCents }\n      payments(first: 50) {\n        totalCount\n        edges { node { id kind status amountCents refundedCents currency createdAt paidAt failureMessage campaign { id title } refunds { id amountCents status createdAt } } }\n      }\n      invoices(first: 50) {\n        totalCount\n        edges { node { id number status currency totalCents amountPaidCents periodStart periodEnd hostedInvoiceUrl createdAt } }\n      }\n      usageCharges(first: 50) {\n        totalCount totalOverageMicros pendingOverageMicros\n        edges { node { id costMicros overageMicros status occurredAt campaign { id title } } }\n      }\n    }\n  }\n": typeof types.BillingHistoryDocument,
    "\n  mutation BillingPortal { createBillingPortalSession { url } }\n": typeof types.BillingPortalDocument,
    "\n  query CheckoutRegistrations { myRegistrations { id status paidAt campaign { id title } } }\n": typeof types.CheckoutRegistrationsDocument,
    "\n  query OpenCampaigns($filter: CampaignFilter, $first: Int, $after: String) {\n    openCampaigns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id title mode difficulty lengthWeeks playHoursPerWeek llmTier maxPlayers seatsLeft seatsTaken language startsAt\n          schedule { weekday time timezone }\n          price { perPlayerCents currency }\n          owner { id handle }\n        }\n      }\n    }\n  }\n": typeof types.OpenCampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id title seed mode difficulty lengthWeeks playHoursPerWeek sessionMinutes llmTier maxPlayers language visibility\n      startsAt endsAt status seatsTaken seatsLeft currentSession cancelReason createdAt\n      schedule { weekday time timezone }\n      sessions { index startsAt endsAt }\n      price { perPlayerCents totalCents currency priceBook }\n      owner { id handle displayName }\n      prose { status text }\n      skeleton { backstory { setting threat hook } objectives { id act text } npcs { id name role } }\n      myRegistration { id status waitlistPosition holdExpiresAt paidAt source }\n      roster { id status player { id handle displayName } }\n      waitlist { id waitlistPosition player { id handle } }\n    }\n    me { id roles party { id size leader { id } } }\n  }\n": typeof types.CampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id title status } }\n": typeof types.CreateCampaignDocument,
    "\n  mutation JoinCampaign($campaignId: ID!) { joinCampaign(campaignId: $campaignId) { id status waitlistPosition holdExpiresAt } }\n": typeof types.JoinCampaignDocument,
    "\n  mutation JoinCampaignWithParty($campaignId: ID!, $partyId: ID!) { joinCampaignWithParty(campaignId: $campaignId, partyId: $partyId) { id status waitlistPosition } }\n": typeof types.JoinCampaignWithPartyDocument,
    "\n  mutation LeaveCampaign($campaignId: ID!) { leaveCampaign(campaignId: $campaignId) { id status } }\n": typeof types.LeaveCampaignDocument,
    "\n  mutation OpenRegistration($campaignId: ID!) { openRegistration(campaignId: $campaignId) { id status } }\n": typeof types.OpenRegistrationDocument,
    "\n  mutation StartMatching($campaignId: ID!) { startMatching(campaignId: $campaignId) { id status } }\n": typeof types.StartMatchingDocument,
    "\n  mutation ScheduleCampaign($campaignId: ID!) { scheduleCampaign(campaignId: $campaignId) { id status } }\n": typeof types.ScheduleCampaignDocument,
    "\n  mutation CancelCampaign($campaignId: ID!, $reason: String) { cancelCampaign(campaignId: $campaignId, reason: $reason) { id status } }\n": typeof types.CancelCampaignDocument,
    "\n  mutation CheckoutSeat($campaignId: ID!) { checkoutSeat(campaignId: $campaignId) { id url amountCents currency expiresAt } }\n": typeof types.CheckoutSeatDocument,
    "\n  query MyCampaigns {\n    myCampaigns { id title status startsAt seatsTaken maxPlayers llmTier mode }\n    myRegistrations { id status waitlistPosition holdExpiresAt paidAt campaign { id title status startsAt mode llmTier } }\n    myCampaignInvitations { id createdAt inviter { id handle } campaign { id title startsAt } }\n    me { id gameHistory(first: 20) { totalCount edges { node { id title status endsAt } } } }\n  }\n": typeof types.MyCampaignsDocument,
    "\n  mutation AcceptInvitation($invitationId: ID!) { acceptCampaignInvitation(invitationId: $invitationId) { id status } }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation DeclineInvitation($invitationId: ID!) { declineCampaignInvitation(invitationId: $invitationId) { id status } }\n": typeof types.DeclineInvitationDocument,
    "\n  mutation SubmitAction($campaignId: ID!, $action: ActionInput!) { submitAction(campaignId: $campaignId, action: $action) { actionId eventId duplicate submittedAt } }\n": typeof types.SubmitActionDocument,
    "\n  query LiveCampaign($id: ID!) {\n    campaign(id: $id) { id title status currentSession sessions { index startsAt endsAt } myRegistration { status } owner { id } }\n    me { id handle }\n  }\n": typeof types.LiveCampaignDocument,
    "\n  query LlmSpendSeries($from: String!, $to: String!, $groupBy: [LlmCostDimension!], $filter: LlmCostFilter) {\n    analytics {\n      generatedAt\n      llmCost(input: { from: $from, to: $to, groupBy: $groupBy, filter: $filter, orderBy: KEY_ASC, first: 500 }) {\n        from to totalCount\n        totals { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images }\n        edges { node { day provider model tier purpose usage { costMicros calls } } }\n      }\n    }\n  }\n": typeof types.LlmSpendSeriesDocument,
    "\n  query LlmTopSpenders($from: String!, $to: String!, $filter: LlmCostFilter) {\n    analytics {\n      campaigns: llmCost(input: { from: $from, to: $to, groupBy: [CAMPAIGN], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { campaignId campaign { id title } usage { costMicros calls } } }\n      }\n      users: llmCost(input: { from: $from, to: $to, groupBy: [USER], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { userId user { id handle } usage { costMicros calls } } }\n      }\n    }\n  }\n": typeof types.LlmTopSpendersDocument,
    "\n  query LlmMargins($filter: LlmCostFilter) {\n    analytics {\n      llmSpendForecast(filter: $filter) { month asOf daysElapsed daysInMonth actualMicros projectedRemainingMicros forecastMicros trendDays slopeMicrosPerDay method }\n      campaignMargins(orderBy: LLM_COST_DESC, first: 12) {\n        totalCount\n        totals { revenueCents refundCents netRevenueCents llmCostMicros grossMarginBp }\n        edges { node { campaignId campaign { id title } netRevenueCents llmCostMicros llmCalls grossMarginMicros grossMarginBp } }\n      }\n    }\n  }\n": typeof types.LlmMarginsDocument,
    "\n  query LlmCostExport($from: String!, $to: String!, $filter: LlmCostFilter, $after: String) {\n    analytics {\n      llmCost(input: { from: $from, to: $to, groupBy: [DAY, PROVIDER, MODEL, TIER, PURPOSE], filter: $filter, orderBy: KEY_ASC, first: 1000, after: $after }) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { day provider model tier purpose usage { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images } } }\n      }\n    }\n  }\n": typeof types.LlmCostExportDocument,
    "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) { perPlayerCents totalCents currency priceBook }\n  }\n": typeof types.QuoteDocument,
    "\n  query PriceBook {\n    priceBook { id effectiveFrom currency plans { plan interval amountCents monthlyEquivalentCents discountBp } addOns { addOn interval amountCents } }\n  }\n": typeof types.PriceBookDocument,
    "\n  query PricingMatrix {\n    premium4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    standard4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    economy4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    priceBook { id currency plans { plan interval amountCents monthlyEquivalentCents discountBp } }\n  }\n": typeof types.PricingMatrixDocument,
    "\n  query Friends {\n    me { id friends(first: 100) { totalCount edges { friendsSince node { id handle displayName avatarUrl } } } party { id } }\n    incomingFriendRequests(first: 50) { totalCount edges { node { id createdAt from { id handle displayName } } } }\n    outgoingFriendRequests(first: 50) { totalCount edges { node { id createdAt to { id handle displayName } } } }\n  }\n": typeof types.FriendsDocument,
    "\n  query Player($id: ID!) {\n    user(id: $id) {\n      id handle displayName avatarUrl bio createdAt friendStatus\n      party { id size maxSize leader { id handle } }\n    }\n    me { id blockedUserIds party { id leader { id } } }\n  }\n": typeof types.PlayerDocument,
    "\n  mutation SendFriendRequest($userId: ID!) { sendFriendRequest(userId: $userId) { status request { id } user { id friendStatus } } }\n": typeof types.SendFriendRequestDocument,
    "\n  mutation AcceptFriendRequest($requestId: ID!) { acceptFriendRequest(requestId: $requestId) { id friendStatus } }\n": typeof types.AcceptFriendRequestDocument,
    "\n  mutation DeclineFriendRequest($requestId: ID!) { declineFriendRequest(requestId: $requestId) }\n": typeof types.DeclineFriendRequestDocument,
    "\n  mutation CancelFriendRequest($requestId: ID!) { cancelFriendRequest(requestId: $requestId) }\n": typeof types.CancelFriendRequestDocument,
    "\n  mutation RemoveFriend($userId: ID!) { removeFriend(userId: $userId) }\n": typeof types.RemoveFriendDocument,
    "\n  mutation BlockUser($userId: ID!) { blockUser(userId: $userId) { id } }\n": typeof types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) { unblockUser(userId: $userId) { id } }\n": typeof types.UnblockUserDocument,
    "\n  mutation ReportUser($input: ReportUserInput!) { reportUser(input: $input) { id status createdAt } }\n": typeof types.ReportUserDocument,
    "\n  query MyParty {\n    me {\n      id\n      party {\n        id size maxSize createdAt\n        leader { id handle }\n        members { id handle displayName }\n        invites { id createdAt to { id handle } from { id handle } }\n      }\n      friends(first: 100) { edges { node { id handle displayName } } }\n    }\n    myPartyInvites(first: 25) { edges { node { id createdAt from { id handle } party { id size maxSize leader { id handle } } } } }\n  }\n": typeof types.MyPartyDocument,
    "\n  mutation CreateParty($input: CreatePartyInput) { createParty(input: $input) { id } }\n": typeof types.CreatePartyDocument,
    "\n  mutation InviteToParty($partyId: ID!, $userId: ID!) { inviteToParty(partyId: $partyId, userId: $userId) { id } }\n": typeof types.InviteToPartyDocument,
    "\n  mutation AcceptPartyInvite($inviteId: ID!) { acceptPartyInvite(inviteId: $inviteId) { id } }\n": typeof types.AcceptPartyInviteDocument,
    "\n  mutation DeclinePartyInvite($inviteId: ID!) { declinePartyInvite(inviteId: $inviteId) }\n": typeof types.DeclinePartyInviteDocument,
    "\n  mutation CancelPartyInvite($inviteId: ID!) { cancelPartyInvite(inviteId: $inviteId) }\n": typeof types.CancelPartyInviteDocument,
    "\n  mutation LeaveParty($partyId: ID!) { leaveParty(partyId: $partyId) }\n": typeof types.LeavePartyDocument,
    "\n  mutation KickFromParty($partyId: ID!, $userId: ID!) { kickFromParty(partyId: $partyId, userId: $userId) { id } }\n": typeof types.KickFromPartyDocument,
    "\n  mutation TransferPartyLeadership($partyId: ID!, $userId: ID!) { transferPartyLeadership(partyId: $partyId, userId: $userId) { id } }\n": typeof types.TransferPartyLeadershipDocument,
    "\n  mutation DisbandParty($partyId: ID!) { disbandParty(partyId: $partyId) }\n": typeof types.DisbandPartyDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id handle email emailVerified roles createdAt displayName avatarUrl bio\n      mfaEnabled mfaRecoveryCodesRemaining\n      linkedAccounts { provider displayName email linkedAt lastUsedAt }\n      preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } }\n      privacy { profileVisibility friendRequests }\n    }\n    oauthProviders\n  }\n": types.MeDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl bio } }\n": types.UpdateProfileDocument,
    "\n  mutation UpdatePreferences($input: UpdatePreferencesInput!) {\n    updatePreferences(input: $input) { id preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } } }\n  }\n": types.UpdatePreferencesDocument,
    "\n  mutation UpdatePrivacy($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { id privacy { profileVisibility friendRequests } } }\n": types.UpdatePrivacyDocument,
    "\n  mutation ChangeHandle($handle: String!) { changeHandle(handle: $handle) { id handle } }\n": types.ChangeHandleDocument,
    "\n  mutation EnrollMfa { enrollMfa { secret otpauthUri issuer expiresAt } }\n": types.EnrollMfaDocument,
    "\n  mutation ConfirmMfa($code: String!) {\n    confirmMfa(code: $code) {\n      recoveryCodes\n      session { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n    }\n  }\n": types.ConfirmMfaDocument,
    "\n  mutation DisableMfa($code: String!) { disableMfa(code: $code) }\n": types.DisableMfaDocument,
    "\n  mutation UnlinkOAuth($provider: OAuthProvider!) { unlinkOAuthAccount(provider: $provider) { provider } }\n": types.UnlinkOAuthDocument,
    "\n  mutation ExportMyData { exportMyData { id status requestedAt readyAt expiresAt downloadUrl } }\n": types.ExportMyDataDocument,
    "\n  query MyDataExports { myDataExports { id status requestedAt readyAt expiresAt } }\n": types.MyDataExportsDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }\n": types.DeleteMyAccountDocument,
    "\n  query MyModerationActions {\n    myModerationActions(first: 25) {\n      edges { node { id type policy statement startsAt expiresAt active canAppeal appealableUntil appeal { id status decisionNote } } }\n    }\n  }\n": types.MyModerationActionsDocument,
    "\n  mutation AppealAction($actionId: ID!, $statement: String!) { appealModerationAction(actionId: $actionId, statement: $statement) { id status } }\n": types.AppealActionDocument,
    "\n  query PlatformStats { platformStats { users campaigns } }\n": types.PlatformStatsDocument,
    "\n  query ModerationQueue($filter: ModerationQueueFilter, $after: String) {\n    moderationQueue(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt\n          user { id handle }\n          assignee { id handle }\n        }\n      }\n    }\n  }\n": types.ModerationQueueDocument,
    "\n  query ModerationCase($id: ID!) {\n    moderationCase(id: $id) {\n      id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt updatedAt closedAt resolution\n      user { id handle displayName }\n      campaign { id title }\n      assignee { id handle }\n      closedBy { id handle }\n      content { id kind text occurredAt hidden author { id handle } }\n      reports { id reason details status createdAt reporter { id handle } evidence { capturedAt sequence items { id kind text occurredAt author { handle } } } }\n      flags { id source category score hid createdAt }\n      notes { id body createdAt author { id handle } }\n      actions { id type policy statement startsAt expiresAt active createdAt moderator { id handle } }\n    }\n  }\n": types.ModerationCaseDocument,
    "\n  mutation TakeModerationAction($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id type active expiresAt } }\n": types.TakeModerationActionDocument,
    "\n  mutation AssignCase($id: ID!) { assignModerationCase(id: $id) { id assignee { id handle } } }\n": types.AssignCaseDocument,
    "\n  mutation DismissCase($id: ID!, $reason: String!) { dismissModerationCase(id: $id, reason: $reason) { id status } }\n": types.DismissCaseDocument,
    "\n  mutation AddCaseNote($caseId: ID!, $body: String!) { addModerationCaseNote(caseId: $caseId, body: $body) { id } }\n": types.AddCaseNoteDocument,
    "\n  mutation SetCaseTier($id: ID!, $tier: ModerationTier!, $reason: String!) { setModerationCaseTier(id: $id, tier: $tier, reason: $reason) { id tier } }\n": types.SetCaseTierDocument,
    "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id handle email emailVerified roles createdAt mfaEnabled displayName\n      strikes { active total nextDecayAt nextPenalty { atStrikes type durationMinutes } }\n      moderationActions(first: 25) { edges { node { id type policy statement active startsAt expiresAt createdAt moderator { handle } } } }\n      reports { id reason status createdAt reporter { handle } }\n    }\n  }\n": types.AdminUserDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles } }\n": types.SetUserRolesDocument,
    "\n  query ModerationAuditLog($filter: ModerationAuditFilter, $after: String) {\n    moderationAuditLog(filter: $filter, first: 25, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId before after createdAt } }\n    }\n  }\n": types.ModerationAuditLogDocument,
    "\n  query AccountAuditLog($targetUserId: ID, $after: String) {\n    accountAuditLog(first: 25, after: $after, targetUserId: $targetUserId) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId targetUser { handle } before after createdAt } }\n    }\n  }\n": types.AccountAuditLogDocument,
    "\n  query ModerationAppeals {\n    moderationAppeals(first: 25) {\n      totalCount\n      edges { node { id statement status createdAt action { id type policy statement user { id handle } } } }\n    }\n  }\n": types.ModerationAppealsDocument,
    "\n  mutation DecideAppeal($id: ID!, $decision: ModerationAppealDecision!, $note: String!) { decideModerationAppeal(id: $id, decision: $decision, note: $note) { id status } }\n": types.DecideAppealDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": types.RegisterDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation VerifyMfa($mfaToken: String!, $code: String!) {\n    verifyMfa(mfaToken: $mfaToken, code: $code) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": types.VerifyMfaDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.LogoutDocument,
    "\n  mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerification { resendVerificationEmail }\n": types.ResendVerificationDocument,
    "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }\n": types.ResetPasswordDocument,
    "\n  query OAuthProviders { oauthProviders }\n": types.OAuthProvidersDocument,
    "\n  mutation OAuthStart($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state expiresAt } }\n": types.OAuthStartDocument,
    "\n  mutation OAuthComplete($input: OAuthCompleteInput!) {\n    oauthComplete(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n": types.OAuthCompleteDocument,
    "\n  mutation LinkOAuth($input: OAuthCompleteInput!) { linkOAuthAccount(input: $input) { provider displayName email linkedAt } }\n": types.LinkOAuthDocument,
    "\n  query BillingHistory {\n    me {\n      id\n      subscription { id plan interval addOns status currentPeriodEnd cancelAtPeriodEnd monthlyAmountCents }\n      payments(first: 50) {\n        totalCount\n        edges { node { id kind status amountCents refundedCents currency createdAt paidAt failureMessage campaign { id title } refunds { id amountCents status createdAt } } }\n      }\n      invoices(first: 50) {\n        totalCount\n        edges { node { id number status currency totalCents amountPaidCents periodStart periodEnd hostedInvoiceUrl createdAt } }\n      }\n      usageCharges(first: 50) {\n        totalCount totalOverageMicros pendingOverageMicros\n        edges { node { id costMicros overageMicros status occurredAt campaign { id title } } }\n      }\n    }\n  }\n": types.BillingHistoryDocument,
    "\n  mutation BillingPortal { createBillingPortalSession { url } }\n": types.BillingPortalDocument,
    "\n  query CheckoutRegistrations { myRegistrations { id status paidAt campaign { id title } } }\n": types.CheckoutRegistrationsDocument,
    "\n  query OpenCampaigns($filter: CampaignFilter, $first: Int, $after: String) {\n    openCampaigns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id title mode difficulty lengthWeeks playHoursPerWeek llmTier maxPlayers seatsLeft seatsTaken language startsAt\n          schedule { weekday time timezone }\n          price { perPlayerCents currency }\n          owner { id handle }\n        }\n      }\n    }\n  }\n": types.OpenCampaignsDocument,
    "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id title seed mode difficulty lengthWeeks playHoursPerWeek sessionMinutes llmTier maxPlayers language visibility\n      startsAt endsAt status seatsTaken seatsLeft currentSession cancelReason createdAt\n      schedule { weekday time timezone }\n      sessions { index startsAt endsAt }\n      price { perPlayerCents totalCents currency priceBook }\n      owner { id handle displayName }\n      prose { status text }\n      skeleton { backstory { setting threat hook } objectives { id act text } npcs { id name role } }\n      myRegistration { id status waitlistPosition holdExpiresAt paidAt source }\n      roster { id status player { id handle displayName } }\n      waitlist { id waitlistPosition player { id handle } }\n    }\n    me { id roles party { id size leader { id } } }\n  }\n": types.CampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id title status } }\n": types.CreateCampaignDocument,
    "\n  mutation JoinCampaign($campaignId: ID!) { joinCampaign(campaignId: $campaignId) { id status waitlistPosition holdExpiresAt } }\n": types.JoinCampaignDocument,
    "\n  mutation JoinCampaignWithParty($campaignId: ID!, $partyId: ID!) { joinCampaignWithParty(campaignId: $campaignId, partyId: $partyId) { id status waitlistPosition } }\n": types.JoinCampaignWithPartyDocument,
    "\n  mutation LeaveCampaign($campaignId: ID!) { leaveCampaign(campaignId: $campaignId) { id status } }\n": types.LeaveCampaignDocument,
    "\n  mutation OpenRegistration($campaignId: ID!) { openRegistration(campaignId: $campaignId) { id status } }\n": types.OpenRegistrationDocument,
    "\n  mutation StartMatching($campaignId: ID!) { startMatching(campaignId: $campaignId) { id status } }\n": types.StartMatchingDocument,
    "\n  mutation ScheduleCampaign($campaignId: ID!) { scheduleCampaign(campaignId: $campaignId) { id status } }\n": types.ScheduleCampaignDocument,
    "\n  mutation CancelCampaign($campaignId: ID!, $reason: String) { cancelCampaign(campaignId: $campaignId, reason: $reason) { id status } }\n": types.CancelCampaignDocument,
    "\n  mutation CheckoutSeat($campaignId: ID!) { checkoutSeat(campaignId: $campaignId) { id url amountCents currency expiresAt } }\n": types.CheckoutSeatDocument,
    "\n  query MyCampaigns {\n    myCampaigns { id title status startsAt seatsTaken maxPlayers llmTier mode }\n    myRegistrations { id status waitlistPosition holdExpiresAt paidAt campaign { id title status startsAt mode llmTier } }\n    myCampaignInvitations { id createdAt inviter { id handle } campaign { id title startsAt } }\n    me { id gameHistory(first: 20) { totalCount edges { node { id title status endsAt } } } }\n  }\n": types.MyCampaignsDocument,
    "\n  mutation AcceptInvitation($invitationId: ID!) { acceptCampaignInvitation(invitationId: $invitationId) { id status } }\n": types.AcceptInvitationDocument,
    "\n  mutation DeclineInvitation($invitationId: ID!) { declineCampaignInvitation(invitationId: $invitationId) { id status } }\n": types.DeclineInvitationDocument,
    "\n  mutation SubmitAction($campaignId: ID!, $action: ActionInput!) { submitAction(campaignId: $campaignId, action: $action) { actionId eventId duplicate submittedAt } }\n": types.SubmitActionDocument,
    "\n  query LiveCampaign($id: ID!) {\n    campaign(id: $id) { id title status currentSession sessions { index startsAt endsAt } myRegistration { status } owner { id } }\n    me { id handle }\n  }\n": types.LiveCampaignDocument,
    "\n  query LlmSpendSeries($from: String!, $to: String!, $groupBy: [LlmCostDimension!], $filter: LlmCostFilter) {\n    analytics {\n      generatedAt\n      llmCost(input: { from: $from, to: $to, groupBy: $groupBy, filter: $filter, orderBy: KEY_ASC, first: 500 }) {\n        from to totalCount\n        totals { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images }\n        edges { node { day provider model tier purpose usage { costMicros calls } } }\n      }\n    }\n  }\n": types.LlmSpendSeriesDocument,
    "\n  query LlmTopSpenders($from: String!, $to: String!, $filter: LlmCostFilter) {\n    analytics {\n      campaigns: llmCost(input: { from: $from, to: $to, groupBy: [CAMPAIGN], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { campaignId campaign { id title } usage { costMicros calls } } }\n      }\n      users: llmCost(input: { from: $from, to: $to, groupBy: [USER], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { userId user { id handle } usage { costMicros calls } } }\n      }\n    }\n  }\n": types.LlmTopSpendersDocument,
    "\n  query LlmMargins($filter: LlmCostFilter) {\n    analytics {\n      llmSpendForecast(filter: $filter) { month asOf daysElapsed daysInMonth actualMicros projectedRemainingMicros forecastMicros trendDays slopeMicrosPerDay method }\n      campaignMargins(orderBy: LLM_COST_DESC, first: 12) {\n        totalCount\n        totals { revenueCents refundCents netRevenueCents llmCostMicros grossMarginBp }\n        edges { node { campaignId campaign { id title } netRevenueCents llmCostMicros llmCalls grossMarginMicros grossMarginBp } }\n      }\n    }\n  }\n": types.LlmMarginsDocument,
    "\n  query LlmCostExport($from: String!, $to: String!, $filter: LlmCostFilter, $after: String) {\n    analytics {\n      llmCost(input: { from: $from, to: $to, groupBy: [DAY, PROVIDER, MODEL, TIER, PURPOSE], filter: $filter, orderBy: KEY_ASC, first: 1000, after: $after }) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { day provider model tier purpose usage { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images } } }\n      }\n    }\n  }\n": types.LlmCostExportDocument,
    "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) { perPlayerCents totalCents currency priceBook }\n  }\n": types.QuoteDocument,
    "\n  query PriceBook {\n    priceBook { id effectiveFrom currency plans { plan interval amountCents monthlyEquivalentCents discountBp } addOns { addOn interval amountCents } }\n  }\n": types.PriceBookDocument,
    "\n  query PricingMatrix {\n    premium4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    standard4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    economy4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    priceBook { id currency plans { plan interval amountCents monthlyEquivalentCents discountBp } }\n  }\n": types.PricingMatrixDocument,
    "\n  query Friends {\n    me { id friends(first: 100) { totalCount edges { friendsSince node { id handle displayName avatarUrl } } } party { id } }\n    incomingFriendRequests(first: 50) { totalCount edges { node { id createdAt from { id handle displayName } } } }\n    outgoingFriendRequests(first: 50) { totalCount edges { node { id createdAt to { id handle displayName } } } }\n  }\n": types.FriendsDocument,
    "\n  query Player($id: ID!) {\n    user(id: $id) {\n      id handle displayName avatarUrl bio createdAt friendStatus\n      party { id size maxSize leader { id handle } }\n    }\n    me { id blockedUserIds party { id leader { id } } }\n  }\n": types.PlayerDocument,
    "\n  mutation SendFriendRequest($userId: ID!) { sendFriendRequest(userId: $userId) { status request { id } user { id friendStatus } } }\n": types.SendFriendRequestDocument,
    "\n  mutation AcceptFriendRequest($requestId: ID!) { acceptFriendRequest(requestId: $requestId) { id friendStatus } }\n": types.AcceptFriendRequestDocument,
    "\n  mutation DeclineFriendRequest($requestId: ID!) { declineFriendRequest(requestId: $requestId) }\n": types.DeclineFriendRequestDocument,
    "\n  mutation CancelFriendRequest($requestId: ID!) { cancelFriendRequest(requestId: $requestId) }\n": types.CancelFriendRequestDocument,
    "\n  mutation RemoveFriend($userId: ID!) { removeFriend(userId: $userId) }\n": types.RemoveFriendDocument,
    "\n  mutation BlockUser($userId: ID!) { blockUser(userId: $userId) { id } }\n": types.BlockUserDocument,
    "\n  mutation UnblockUser($userId: ID!) { unblockUser(userId: $userId) { id } }\n": types.UnblockUserDocument,
    "\n  mutation ReportUser($input: ReportUserInput!) { reportUser(input: $input) { id status createdAt } }\n": types.ReportUserDocument,
    "\n  query MyParty {\n    me {\n      id\n      party {\n        id size maxSize createdAt\n        leader { id handle }\n        members { id handle displayName }\n        invites { id createdAt to { id handle } from { id handle } }\n      }\n      friends(first: 100) { edges { node { id handle displayName } } }\n    }\n    myPartyInvites(first: 25) { edges { node { id createdAt from { id handle } party { id size maxSize leader { id handle } } } } }\n  }\n": types.MyPartyDocument,
    "\n  mutation CreateParty($input: CreatePartyInput) { createParty(input: $input) { id } }\n": types.CreatePartyDocument,
    "\n  mutation InviteToParty($partyId: ID!, $userId: ID!) { inviteToParty(partyId: $partyId, userId: $userId) { id } }\n": types.InviteToPartyDocument,
    "\n  mutation AcceptPartyInvite($inviteId: ID!) { acceptPartyInvite(inviteId: $inviteId) { id } }\n": types.AcceptPartyInviteDocument,
    "\n  mutation DeclinePartyInvite($inviteId: ID!) { declinePartyInvite(inviteId: $inviteId) }\n": types.DeclinePartyInviteDocument,
    "\n  mutation CancelPartyInvite($inviteId: ID!) { cancelPartyInvite(inviteId: $inviteId) }\n": types.CancelPartyInviteDocument,
    "\n  mutation LeaveParty($partyId: ID!) { leaveParty(partyId: $partyId) }\n": types.LeavePartyDocument,
    "\n  mutation KickFromParty($partyId: ID!, $userId: ID!) { kickFromParty(partyId: $partyId, userId: $userId) { id } }\n": types.KickFromPartyDocument,
    "\n  mutation TransferPartyLeadership($partyId: ID!, $userId: ID!) { transferPartyLeadership(partyId: $partyId, userId: $userId) { id } }\n": types.TransferPartyLeadershipDocument,
    "\n  mutation DisbandParty($partyId: ID!) { disbandParty(partyId: $partyId) }\n": types.DisbandPartyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id handle email emailVerified roles createdAt displayName avatarUrl bio\n      mfaEnabled mfaRecoveryCodesRemaining\n      linkedAccounts { provider displayName email linkedAt lastUsedAt }\n      preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } }\n      privacy { profileVisibility friendRequests }\n    }\n    oauthProviders\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl bio } }\n"): typeof import('./graphql').UpdateProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePreferences($input: UpdatePreferencesInput!) {\n    updatePreferences(input: $input) { id preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } } }\n  }\n"): typeof import('./graphql').UpdatePreferencesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePrivacy($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { id privacy { profileVisibility friendRequests } } }\n"): typeof import('./graphql').UpdatePrivacyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeHandle($handle: String!) { changeHandle(handle: $handle) { id handle } }\n"): typeof import('./graphql').ChangeHandleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrollMfa { enrollMfa { secret otpauthUri issuer expiresAt } }\n"): typeof import('./graphql').EnrollMfaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMfa($code: String!) {\n    confirmMfa(code: $code) {\n      recoveryCodes\n      session { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n    }\n  }\n"): typeof import('./graphql').ConfirmMfaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableMfa($code: String!) { disableMfa(code: $code) }\n"): typeof import('./graphql').DisableMfaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkOAuth($provider: OAuthProvider!) { unlinkOAuthAccount(provider: $provider) { provider } }\n"): typeof import('./graphql').UnlinkOAuthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExportMyData { exportMyData { id status requestedAt readyAt expiresAt downloadUrl } }\n"): typeof import('./graphql').ExportMyDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyDataExports { myDataExports { id status requestedAt readyAt expiresAt } }\n"): typeof import('./graphql').MyDataExportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }\n"): typeof import('./graphql').DeleteMyAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyModerationActions {\n    myModerationActions(first: 25) {\n      edges { node { id type policy statement startsAt expiresAt active canAppeal appealableUntil appeal { id status decisionNote } } }\n    }\n  }\n"): typeof import('./graphql').MyModerationActionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AppealAction($actionId: ID!, $statement: String!) { appealModerationAction(actionId: $actionId, statement: $statement) { id status } }\n"): typeof import('./graphql').AppealActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformStats { platformStats { users campaigns } }\n"): typeof import('./graphql').PlatformStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQueue($filter: ModerationQueueFilter, $after: String) {\n    moderationQueue(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt\n          user { id handle }\n          assignee { id handle }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ModerationQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationCase($id: ID!) {\n    moderationCase(id: $id) {\n      id status tier subjectType subjectId categories reportCount flagCount overdue slaDueAt openedAt updatedAt closedAt resolution\n      user { id handle displayName }\n      campaign { id title }\n      assignee { id handle }\n      closedBy { id handle }\n      content { id kind text occurredAt hidden author { id handle } }\n      reports { id reason details status createdAt reporter { id handle } evidence { capturedAt sequence items { id kind text occurredAt author { handle } } } }\n      flags { id source category score hid createdAt }\n      notes { id body createdAt author { id handle } }\n      actions { id type policy statement startsAt expiresAt active createdAt moderator { id handle } }\n    }\n  }\n"): typeof import('./graphql').ModerationCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TakeModerationAction($input: TakeModerationActionInput!) { takeModerationAction(input: $input) { id type active expiresAt } }\n"): typeof import('./graphql').TakeModerationActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignCase($id: ID!) { assignModerationCase(id: $id) { id assignee { id handle } } }\n"): typeof import('./graphql').AssignCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissCase($id: ID!, $reason: String!) { dismissModerationCase(id: $id, reason: $reason) { id status } }\n"): typeof import('./graphql').DismissCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCaseNote($caseId: ID!, $body: String!) { addModerationCaseNote(caseId: $caseId, body: $body) { id } }\n"): typeof import('./graphql').AddCaseNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCaseTier($id: ID!, $tier: ModerationTier!, $reason: String!) { setModerationCaseTier(id: $id, tier: $tier, reason: $reason) { id tier } }\n"): typeof import('./graphql').SetCaseTierDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUser($id: ID!) {\n    user(id: $id) {\n      id handle email emailVerified roles createdAt mfaEnabled displayName\n      strikes { active total nextDecayAt nextPenalty { atStrikes type durationMinutes } }\n      moderationActions(first: 25) { edges { node { id type policy statement active startsAt expiresAt createdAt moderator { handle } } } }\n      reports { id reason status createdAt reporter { handle } }\n    }\n  }\n"): typeof import('./graphql').AdminUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) { setUserRoles(userId: $userId, roles: $roles) { id roles } }\n"): typeof import('./graphql').SetUserRolesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationAuditLog($filter: ModerationAuditFilter, $after: String) {\n    moderationAuditLog(filter: $filter, first: 25, after: $after) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId before after createdAt } }\n    }\n  }\n"): typeof import('./graphql').ModerationAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountAuditLog($targetUserId: ID, $after: String) {\n    accountAuditLog(first: 25, after: $after, targetUserId: $targetUserId) {\n      totalCount pageInfo { hasNextPage endCursor }\n      edges { node { id action actor actorUser { handle } targetType targetId targetUser { handle } before after createdAt } }\n    }\n  }\n"): typeof import('./graphql').AccountAuditLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationAppeals {\n    moderationAppeals(first: 25) {\n      totalCount\n      edges { node { id statement status createdAt action { id type policy statement user { id handle } } } }\n    }\n  }\n"): typeof import('./graphql').ModerationAppealsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideAppeal($id: ID!, $decision: ModerationAppealDecision!, $note: String!) { decideModerationAppeal(id: $id, decision: $decision, note: $note) { id status } }\n"): typeof import('./graphql').DecideAppealDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n"): typeof import('./graphql').RegisterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n"): typeof import('./graphql').RefreshSessionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyMfa($mfaToken: String!, $code: String!) {\n    verifyMfa(mfaToken: $mfaToken, code: $code) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n"): typeof import('./graphql').VerifyMfaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }\n"): typeof import('./graphql').VerifyEmailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification { resendVerificationEmail }\n"): typeof import('./graphql').ResendVerificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }\n"): typeof import('./graphql').RequestPasswordResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }\n"): typeof import('./graphql').ResetPasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OAuthProviders { oauthProviders }\n"): typeof import('./graphql').OAuthProvidersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthStart($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state expiresAt } }\n"): typeof import('./graphql').OAuthStartDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OAuthComplete($input: OAuthCompleteInput!) {\n    oauthComplete(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }\n  }\n"): typeof import('./graphql').OAuthCompleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkOAuth($input: OAuthCompleteInput!) { linkOAuthAccount(input: $input) { provider displayName email linkedAt } }\n"): typeof import('./graphql').LinkOAuthDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BillingHistory {\n    me {\n      id\n      subscription { id plan interval addOns status currentPeriodEnd cancelAtPeriodEnd monthlyAmountCents }\n      payments(first: 50) {\n        totalCount\n        edges { node { id kind status amountCents refundedCents currency createdAt paidAt failureMessage campaign { id title } refunds { id amountCents status createdAt } } }\n      }\n      invoices(first: 50) {\n        totalCount\n        edges { node { id number status currency totalCents amountPaidCents periodStart periodEnd hostedInvoiceUrl createdAt } }\n      }\n      usageCharges(first: 50) {\n        totalCount totalOverageMicros pendingOverageMicros\n        edges { node { id costMicros overageMicros status occurredAt campaign { id title } } }\n      }\n    }\n  }\n"): typeof import('./graphql').BillingHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BillingPortal { createBillingPortalSession { url } }\n"): typeof import('./graphql').BillingPortalDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutRegistrations { myRegistrations { id status paidAt campaign { id title } } }\n"): typeof import('./graphql').CheckoutRegistrationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenCampaigns($filter: CampaignFilter, $first: Int, $after: String) {\n    openCampaigns(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id title mode difficulty lengthWeeks playHoursPerWeek llmTier maxPlayers seatsLeft seatsTaken language startsAt\n          schedule { weekday time timezone }\n          price { perPlayerCents currency }\n          owner { id handle }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OpenCampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaign($id: ID!) {\n    campaign(id: $id) {\n      id title seed mode difficulty lengthWeeks playHoursPerWeek sessionMinutes llmTier maxPlayers language visibility\n      startsAt endsAt status seatsTaken seatsLeft currentSession cancelReason createdAt\n      schedule { weekday time timezone }\n      sessions { index startsAt endsAt }\n      price { perPlayerCents totalCents currency priceBook }\n      owner { id handle displayName }\n      prose { status text }\n      skeleton { backstory { setting threat hook } objectives { id act text } npcs { id name role } }\n      myRegistration { id status waitlistPosition holdExpiresAt paidAt source }\n      roster { id status player { id handle displayName } }\n      waitlist { id waitlistPosition player { id handle } }\n    }\n    me { id roles party { id size leader { id } } }\n  }\n"): typeof import('./graphql').CampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CreateCampaignInput!) { createCampaign(input: $input) { id title status } }\n"): typeof import('./graphql').CreateCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinCampaign($campaignId: ID!) { joinCampaign(campaignId: $campaignId) { id status waitlistPosition holdExpiresAt } }\n"): typeof import('./graphql').JoinCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinCampaignWithParty($campaignId: ID!, $partyId: ID!) { joinCampaignWithParty(campaignId: $campaignId, partyId: $partyId) { id status waitlistPosition } }\n"): typeof import('./graphql').JoinCampaignWithPartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveCampaign($campaignId: ID!) { leaveCampaign(campaignId: $campaignId) { id status } }\n"): typeof import('./graphql').LeaveCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenRegistration($campaignId: ID!) { openRegistration(campaignId: $campaignId) { id status } }\n"): typeof import('./graphql').OpenRegistrationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartMatching($campaignId: ID!) { startMatching(campaignId: $campaignId) { id status } }\n"): typeof import('./graphql').StartMatchingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ScheduleCampaign($campaignId: ID!) { scheduleCampaign(campaignId: $campaignId) { id status } }\n"): typeof import('./graphql').ScheduleCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelCampaign($campaignId: ID!, $reason: String) { cancelCampaign(campaignId: $campaignId, reason: $reason) { id status } }\n"): typeof import('./graphql').CancelCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckoutSeat($campaignId: ID!) { checkoutSeat(campaignId: $campaignId) { id url amountCents currency expiresAt } }\n"): typeof import('./graphql').CheckoutSeatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCampaigns {\n    myCampaigns { id title status startsAt seatsTaken maxPlayers llmTier mode }\n    myRegistrations { id status waitlistPosition holdExpiresAt paidAt campaign { id title status startsAt mode llmTier } }\n    myCampaignInvitations { id createdAt inviter { id handle } campaign { id title startsAt } }\n    me { id gameHistory(first: 20) { totalCount edges { node { id title status endsAt } } } }\n  }\n"): typeof import('./graphql').MyCampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($invitationId: ID!) { acceptCampaignInvitation(invitationId: $invitationId) { id status } }\n"): typeof import('./graphql').AcceptInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineInvitation($invitationId: ID!) { declineCampaignInvitation(invitationId: $invitationId) { id status } }\n"): typeof import('./graphql').DeclineInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitAction($campaignId: ID!, $action: ActionInput!) { submitAction(campaignId: $campaignId, action: $action) { actionId eventId duplicate submittedAt } }\n"): typeof import('./graphql').SubmitActionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveCampaign($id: ID!) {\n    campaign(id: $id) { id title status currentSession sessions { index startsAt endsAt } myRegistration { status } owner { id } }\n    me { id handle }\n  }\n"): typeof import('./graphql').LiveCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LlmSpendSeries($from: String!, $to: String!, $groupBy: [LlmCostDimension!], $filter: LlmCostFilter) {\n    analytics {\n      generatedAt\n      llmCost(input: { from: $from, to: $to, groupBy: $groupBy, filter: $filter, orderBy: KEY_ASC, first: 500 }) {\n        from to totalCount\n        totals { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images }\n        edges { node { day provider model tier purpose usage { costMicros calls } } }\n      }\n    }\n  }\n"): typeof import('./graphql').LlmSpendSeriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LlmTopSpenders($from: String!, $to: String!, $filter: LlmCostFilter) {\n    analytics {\n      campaigns: llmCost(input: { from: $from, to: $to, groupBy: [CAMPAIGN], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { campaignId campaign { id title } usage { costMicros calls } } }\n      }\n      users: llmCost(input: { from: $from, to: $to, groupBy: [USER], filter: $filter, orderBy: COST_DESC, first: 10 }) {\n        edges { node { userId user { id handle } usage { costMicros calls } } }\n      }\n    }\n  }\n"): typeof import('./graphql').LlmTopSpendersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LlmMargins($filter: LlmCostFilter) {\n    analytics {\n      llmSpendForecast(filter: $filter) { month asOf daysElapsed daysInMonth actualMicros projectedRemainingMicros forecastMicros trendDays slopeMicrosPerDay method }\n      campaignMargins(orderBy: LLM_COST_DESC, first: 12) {\n        totalCount\n        totals { revenueCents refundCents netRevenueCents llmCostMicros grossMarginBp }\n        edges { node { campaignId campaign { id title } netRevenueCents llmCostMicros llmCalls grossMarginMicros grossMarginBp } }\n      }\n    }\n  }\n"): typeof import('./graphql').LlmMarginsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LlmCostExport($from: String!, $to: String!, $filter: LlmCostFilter, $after: String) {\n    analytics {\n      llmCost(input: { from: $from, to: $to, groupBy: [DAY, PROVIDER, MODEL, TIER, PURPOSE], filter: $filter, orderBy: KEY_ASC, first: 1000, after: $after }) {\n        pageInfo { hasNextPage endCursor }\n        edges { node { day provider model tier purpose usage { calls errors costMicros inputTokens cachedInputTokens cacheWriteTokens outputTokens reasoningTokens images } } }\n      }\n    }\n  }\n"): typeof import('./graphql').LlmCostExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Quote($input: QuoteInput!) {\n    quote(input: $input) { perPlayerCents totalCents currency priceBook }\n  }\n"): typeof import('./graphql').QuoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PriceBook {\n    priceBook { id effectiveFrom currency plans { plan interval amountCents monthlyEquivalentCents discountBp } addOns { addOn interval amountCents } }\n  }\n"): typeof import('./graphql').PriceBookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PricingMatrix {\n    premium4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    premium24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: PREMIUM, players: 4 }) { perPlayerCents currency priceBook }\n    standard4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    standard24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: STANDARD, players: 4 }) { perPlayerCents currency priceBook }\n    economy4: quote(input: { lengthWeeks: 4, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy12: quote(input: { lengthWeeks: 12, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    economy24: quote(input: { lengthWeeks: 24, playHoursPerWeek: 3, llmTier: ECONOMY, players: 4 }) { perPlayerCents currency priceBook }\n    priceBook { id currency plans { plan interval amountCents monthlyEquivalentCents discountBp } }\n  }\n"): typeof import('./graphql').PricingMatrixDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Friends {\n    me { id friends(first: 100) { totalCount edges { friendsSince node { id handle displayName avatarUrl } } } party { id } }\n    incomingFriendRequests(first: 50) { totalCount edges { node { id createdAt from { id handle displayName } } } }\n    outgoingFriendRequests(first: 50) { totalCount edges { node { id createdAt to { id handle displayName } } } }\n  }\n"): typeof import('./graphql').FriendsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Player($id: ID!) {\n    user(id: $id) {\n      id handle displayName avatarUrl bio createdAt friendStatus\n      party { id size maxSize leader { id handle } }\n    }\n    me { id blockedUserIds party { id leader { id } } }\n  }\n"): typeof import('./graphql').PlayerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendFriendRequest($userId: ID!) { sendFriendRequest(userId: $userId) { status request { id } user { id friendStatus } } }\n"): typeof import('./graphql').SendFriendRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptFriendRequest($requestId: ID!) { acceptFriendRequest(requestId: $requestId) { id friendStatus } }\n"): typeof import('./graphql').AcceptFriendRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineFriendRequest($requestId: ID!) { declineFriendRequest(requestId: $requestId) }\n"): typeof import('./graphql').DeclineFriendRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelFriendRequest($requestId: ID!) { cancelFriendRequest(requestId: $requestId) }\n"): typeof import('./graphql').CancelFriendRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFriend($userId: ID!) { removeFriend(userId: $userId) }\n"): typeof import('./graphql').RemoveFriendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BlockUser($userId: ID!) { blockUser(userId: $userId) { id } }\n"): typeof import('./graphql').BlockUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnblockUser($userId: ID!) { unblockUser(userId: $userId) { id } }\n"): typeof import('./graphql').UnblockUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportUser($input: ReportUserInput!) { reportUser(input: $input) { id status createdAt } }\n"): typeof import('./graphql').ReportUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyParty {\n    me {\n      id\n      party {\n        id size maxSize createdAt\n        leader { id handle }\n        members { id handle displayName }\n        invites { id createdAt to { id handle } from { id handle } }\n      }\n      friends(first: 100) { edges { node { id handle displayName } } }\n    }\n    myPartyInvites(first: 25) { edges { node { id createdAt from { id handle } party { id size maxSize leader { id handle } } } } }\n  }\n"): typeof import('./graphql').MyPartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateParty($input: CreatePartyInput) { createParty(input: $input) { id } }\n"): typeof import('./graphql').CreatePartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteToParty($partyId: ID!, $userId: ID!) { inviteToParty(partyId: $partyId, userId: $userId) { id } }\n"): typeof import('./graphql').InviteToPartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptPartyInvite($inviteId: ID!) { acceptPartyInvite(inviteId: $inviteId) { id } }\n"): typeof import('./graphql').AcceptPartyInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclinePartyInvite($inviteId: ID!) { declinePartyInvite(inviteId: $inviteId) }\n"): typeof import('./graphql').DeclinePartyInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelPartyInvite($inviteId: ID!) { cancelPartyInvite(inviteId: $inviteId) }\n"): typeof import('./graphql').CancelPartyInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveParty($partyId: ID!) { leaveParty(partyId: $partyId) }\n"): typeof import('./graphql').LeavePartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation KickFromParty($partyId: ID!, $userId: ID!) { kickFromParty(partyId: $partyId, userId: $userId) { id } }\n"): typeof import('./graphql').KickFromPartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferPartyLeadership($partyId: ID!, $userId: ID!) { transferPartyLeadership(partyId: $partyId, userId: $userId) { id } }\n"): typeof import('./graphql').TransferPartyLeadershipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisbandParty($partyId: ID!) { disbandParty(partyId: $partyId) }\n"): typeof import('./graphql').DisbandPartyDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
