/** The users subgraph in process (`app.handle`), on a real database and NATS namespace. */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { importJWK, jwtVerify } from 'jose';
import { createInProcessDeps, type InProcessSubgraph } from '@startales/testing';
import { Stream } from '@startales/contracts';
import { createApp } from '../src/app.ts';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { createSigningKeys } from '../src/modules/auth/keys.ts';

let env: InProcessSubgraph;
let app: ReturnType<typeof createApp>['app'];

beforeAll(async () => {
  env = await createInProcessDeps({ schema: 'users', entities, migrations });
  const keys = await createSigningKeys({ privateKeyPem: env.keys.privateKeyPem, issuer: 'startales-users', audience: 'startales', ttlSeconds: 900 });
  app = createApp({ ...env.deps, keys, refreshTtlSeconds: 3600 }).app;
});
afterAll(() => env?.cleanup());

const post = (query: string, variables = {}, token?: string) =>
  app
    .handle(
      new Request('http://users.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }),
    )
    .then((r) => r.json() as Promise<{ data?: any; errors?: any[] }>);

test('JWKS serves the public half of the configured key, and tokens verify against it', async () => {
  const res = await app.handle(new Request('http://users.test/.well-known/jwks.json'));
  expect(res.headers.get('cache-control')).toContain('max-age');
  const jwks = (await res.json()) as { keys: Array<Record<string, string>> };
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: env.keys.kid });
  expect(jwks.keys[0]!.d).toBeUndefined();

  const reg = await post(
    `mutation { register(input: { email: "jwks@example.com", password: "correct horse battery", handle: "jwks_user" }) { accessToken accessTokenExpiresAt user { id } } }`,
  );
  expect(reg.errors).toBeUndefined();
  const key = await importJWK(jwks.keys[0]!, 'EdDSA');
  const { payload, protectedHeader } = await jwtVerify(reg.data.register.accessToken, key, { issuer: 'startales-users', audience: 'startales' });
  expect(protectedHeader.alg).toBe('EdDSA');
  expect(payload.sub).toBe(reg.data.register.user.id);
  expect(payload.roles).toEqual(['player']);
  expect(payload.exp! - payload.iat!).toBe(900);
});

test('registration stores an argon2id hash and publishes domain.users.registered', async () => {
  const reg = await post(
    `mutation { register(input: { email: "events@example.com", password: "correct horse battery", handle: "events_user" }) { user { id } } }`,
  );
  const id = reg.data.register.user.id as string;
  const row = await env.deps.orm.em.fork().getConnection().execute(`select password_hash from users.user_account where id = ?`, [id]);
  expect(String(row[0]?.password_hash)).toStartWith('$argon2id$');
  const deadline = Date.now() + 5000;
  let data: { userId?: string } | undefined;
  while (!data && Date.now() < deadline) {
    const msg = await env.deps.bus.jsm.streams
      .getMessage(env.deps.bus.streamName(Stream.DOMAIN), { last_by_subj: env.deps.bus.subject('domain.users.registered') })
      .catch(() => null);
    const event = msg?.json<{ type: string; data: { userId: string } }>();
    if (event?.data.userId === id) data = event.data;
    else await Bun.sleep(50);
  }
  expect(data?.userId).toBe(id);
});
