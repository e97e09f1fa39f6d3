import { graphql } from '../gql/index.ts';

export const MeDocument = graphql(`
  query Me {
    me {
      id handle email emailVerified roles createdAt displayName avatarUrl bio
      mfaEnabled mfaRecoveryCodesRemaining
      linkedAccounts { provider displayName email linkedAt lastUsedAt }
      preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } }
      privacy { profileVisibility friendRequests }
    }
    oauthProviders
  }
`);

export const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName avatarUrl bio } }
`);

export const UpdatePreferencesDocument = graphql(`
  mutation UpdatePreferences($input: UpdatePreferencesInput!) {
    updatePreferences(input: $input) { id preferences { timezone language llmTier notifications { friendRequests partyInvites campaignUpdates sessionReminders productNews } } }
  }
`);

export const UpdatePrivacyDocument = graphql(`
  mutation UpdatePrivacy($input: UpdatePrivacyInput!) { updatePrivacy(input: $input) { id privacy { profileVisibility friendRequests } } }
`);

export const ChangeHandleDocument = graphql(`
  mutation ChangeHandle($handle: String!) { changeHandle(handle: $handle) { id handle } }
`);

export const EnrollMfaDocument = graphql(`
  mutation EnrollMfa { enrollMfa { secret otpauthUri issuer expiresAt } }
`);

export const ConfirmMfaDocument = graphql(`
  mutation ConfirmMfa($code: String!) {
    confirmMfa(code: $code) {
      recoveryCodes
      session { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
    }
  }
`);

export const DisableMfaDocument = graphql(`
  mutation DisableMfa($code: String!) { disableMfa(code: $code) }
`);

export const UnlinkOAuthDocument = graphql(`
  mutation UnlinkOAuth($provider: OAuthProvider!) { unlinkOAuthAccount(provider: $provider) { provider } }
`);

export const ExportMyDataDocument = graphql(`
  mutation ExportMyData { exportMyData { id status requestedAt readyAt expiresAt downloadUrl } }
`);

export const MyDataExportsDocument = graphql(`
  query MyDataExports { myDataExports { id status requestedAt readyAt expiresAt } }
`);

export const DeleteMyAccountDocument = graphql(`
  mutation DeleteMyAccount($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }
`);

export const MyModerationActionsDocument = graphql(`
  query MyModerationActions {
    myModerationActions(first: 25) {
      edges { node { id type policy statement startsAt expiresAt active canAppeal appealableUntil appeal { id status decisionNote } } }
    }
  }
`);

export const AppealActionDocument = graphql(`
  mutation AppealAction($actionId: ID!, $statement: String!) { appealModerationAction(actionId: $actionId, statement: $statement) { id status } }
`);
