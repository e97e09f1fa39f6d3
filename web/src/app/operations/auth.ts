import { graphql } from '../gql/index.ts';


export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
  }
`);

export const RegisterDocument = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
  }
`);

export const RefreshSessionDocument = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
  }
`);

export const VerifyMfaDocument = graphql(`
  mutation VerifyMfa($mfaToken: String!, $code: String!) {
    verifyMfa(mfaToken: $mfaToken, code: $code) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }
`);

export const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }
`);

export const ResendVerificationDocument = graphql(`
  mutation ResendVerification { resendVerificationEmail }
`);

export const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }
`);

export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) { resetPassword(token: $token, newPassword: $newPassword) }
`);

export const OAuthProvidersDocument = graphql(`
  query OAuthProviders { oauthProviders }
`);

export const OAuthStartDocument = graphql(`
  mutation OAuthStart($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state expiresAt } }
`);

export const OAuthCompleteDocument = graphql(`
  mutation OAuthComplete($input: OAuthCompleteInput!) {
    oauthComplete(input: $input) { accessToken accessTokenExpiresAt refreshToken user { id handle roles emailVerified displayName } }
  }
`);

export const LinkOAuthDocument = graphql(`
  mutation LinkOAuth($input: OAuthCompleteInput!) { linkOAuthAccount(input: $input) { provider displayName email linkedAt } }
`);
