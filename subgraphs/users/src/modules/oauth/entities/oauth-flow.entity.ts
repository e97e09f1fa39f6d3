import { defineEntity, p } from '@mikro-orm/core';

/**
 * One authorization attempt between `oauthStart` and its completion: single use (deleted when claimed) and
 * short-lived. The state is stored only as its SHA-256; the PKCE verifier and nonce never leave the server.
 */
export const OAuthFlowSchema = defineEntity({
  name: 'OAuthFlow',
  tableName: 'oauth_flow',
  properties: {
    id: p.uuid().primary(),
    stateHash: p.string().length(64).unique(),
    /** `google` | `discord` | `steam`. */
    provider: p.string().length(16),
    /** `sign_in` | `link`. */
    intent: p.string().length(16),
    /** The account a `link` flow was started by (and must be completed by). */
    userId: p.uuid().nullable(),
    redirectUri: p.string().length(2048),
    /** PKCE `code_verifier` (OAuth 2 providers only). */
    codeVerifier: p.string().length(128).nullable(),
    /** OIDC `nonce` (Google only). */
    nonce: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime().index(),
  },
});

export class OAuthFlow extends OAuthFlowSchema.class {}
OAuthFlowSchema.setClass(OAuthFlow);
