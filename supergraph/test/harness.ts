/** Builds gateways in process over the fixture subgraphs (or any supergraph), with keys and partner tokens a test holds. */
import { ErrorCode } from '@startales/contracts';
import { AuthError, createLogger, createTokenVerifier } from '@startales/kit';
import { createTestKeys, signAccessToken, type TestKeys } from '@startales/testing';
import { createApolloGateway } from '../src/gateway.ts';
import { createGatewayApp, type GatewayDeps } from '../src/app.ts';
import type { ApiKeyExchanger } from '../src/partner.ts';

export const logs: string[] = [];
export const logger = createLogger({ service: 'gateway-test', level: 'warn', write: (line) => logs.push(line) });

let keys: TestKeys | undefined;
export async function testKeys(): Promise<TestKeys> {
  return (keys ??= await createTestKeys());
}

/** A partner key's access token, as the users service mints it on exchange (partner role, scopes, key id). */
export async function partnerToken(options: { userId?: string; scopes: string[]; apiKeyId?: string }): Promise<string> {
  const k = await testKeys();
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const claims = {
    typ: 'access',
    handle: 'partner',
    roles: ['partner'],
    scopes: options.scopes,
    akid: options.apiKeyId ?? Bun.randomUUIDv7(),
    sub: options.userId ?? Bun.randomUUIDv7(),
    iss: 'startales-users',
    aud: 'startales',
    iat: now,
    exp: now + 900,
  };
  const input = `${b64({ alg: 'EdDSA', kid: k.kid, typ: 'JWT' })}.${b64(claims)}`;
  const signature = await crypto.subtle.sign('Ed25519', k.privateKey, new TextEncoder().encode(input));
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}

export async function userToken(roles: string[] = ['player']): Promise<string> {
  return signAccessToken(await testKeys(), { userId: Bun.randomUUIDv7(), roles });
}

/** An exchanger over a fixed map of `stk_…` keys to tokens (what users' `/api-keys/exchange` would answer). */
export function fakeExchanger(map: Map<string, string>): ApiKeyExchanger {
  return {
    async exchange(key) {
      const token = map.get(key);
      if (!token) throw new AuthError('Invalid API key', ErrorCode.INVALID_TOKEN);
      return token;
    },
  };
}

export interface BuiltGateway {
  app: ReturnType<typeof createGatewayApp>['app'];
  gateway: ReturnType<typeof createApolloGateway>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POST and parse: status plus the GraphQL body. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; data?: any; errors?: any[]; headers: Headers }>;
  stop(): Promise<void>;
}

export async function buildGateway(
  options: { supergraphSdl: string; subgraphUrls?: Record<string, string>; timeoutMs?: number; dedup?: boolean; onSubgraphFetch?: (name: string) => void } & Partial<
    Omit<GatewayDeps, 'gateway' | 'verifier' | 'logger'>
  >,
): Promise<BuiltGateway> {
  const { supergraphSdl, subgraphUrls, timeoutMs, dedup, onSubgraphFetch, ...rest } = options;
  const gateway = createApolloGateway({ supergraphSdl, subgraphUrls, timeoutMs: timeoutMs ?? 2000, logger, dedup, onSubgraphFetch });
  await gateway.load();
  const verifier = createTokenVerifier({ jwks: (await testKeys()).jwks, issuer: 'startales-users', audience: 'startales' });
  const built = createGatewayApp({ gateway, verifier, logger, production: false, maxRequestBytes: 1_000_000, ...rest });
  built.state.ready = true;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    built.app.handle(
      new Request('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  return {
    app: built.app,
    gateway,
    post,
    async gql(query, variables = {}, headers = {}) {
      const res = await post({ query, variables }, headers);
      return { status: res.status, headers: res.headers, ...((await res.json()) as { data?: any; errors?: any[] }) };
    },
    stop: () => gateway.stop(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const code = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code as string | undefined;
