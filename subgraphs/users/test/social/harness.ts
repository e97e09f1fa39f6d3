/** Shared set-up for the social in-process tests: the users app, fast users (no argon2) and event reads. */
import { createInProcessDeps, signAccessToken, type InProcessSubgraph } from '@startales/testing';
import { Stream, type EventEnvelope } from '@startales/contracts';
import { createApp } from '../../src/app.ts';
import { entities, User } from '../../src/entities/index.ts';
import { migrations } from '../../migrations/index.ts';
import { createSigningKeys } from '../../src/modules/auth/keys.ts';
import type { UsersDeps } from '../../src/modules/types.ts';

export interface Harness {
  env: InProcessSubgraph;
  post(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: any; errors?: any[] }>;
  /** Any HTTP request to the app (path relative to it, or an absolute URL whose path is used). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A player account written straight to the database, with a valid access token. */
  user(options?: { roles?: string[] }): Promise<TestUser>;
  /** Every DOMAIN event of `type` published so far. */
  events<T = any>(type: string): Promise<Array<EventEnvelope<T>>>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
}

export interface TestUser {
  id: string;
  handle: string;
  token: string;
}

let n = 0;

export async function createHarness(extra: Partial<UsersDeps> = {}): Promise<Harness> {
  const env = await createInProcessDeps({ schema: 'users', entities, migrations });
  const keys = await createSigningKeys({ privateKeyPem: env.keys.privateKeyPem, issuer: 'startales-users', audience: 'startales', ttlSeconds: 900 });
  const { app } = createApp({ ...env.deps, keys, refreshTtlSeconds: 3600, ...extra });
  return {
    env,
    post: (query, variables = {}, token) =>
      app
        .handle(
          new Request('http://users.test/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          }),
        )
        .then(async (r) => {
          if (r.status >= 500) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
          return r.json() as Promise<{ data?: any; errors?: any[] }>;
        }),
    async user(options = {}) {
      const id = Bun.randomUUIDv7();
      const handle = `p_${Date.now().toString(36)}${(n++).toString(36)}`;
      const em = env.deps.orm.em.fork();
      const roles = options.roles ?? ['player'];
      em.create(User, { id, email: `${handle}@example.com`, handle, handleKey: handle.toLowerCase(), passwordHash: 'x', roles, createdAt: new Date() });
      await em.flush();
      return { id, handle, token: await signAccessToken(env.keys, { userId: id, handle, roles }) };
    },
    async events(type) {
      const bus = env.deps.bus;
      const name = bus.streamName(Stream.DOMAIN);
      const subj = bus.subject(`domain.${type}`);
      const info = await bus.jsm.streams.info(name);
      const out: EventEnvelope[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const msg = await bus.jsm.streams.getMessage(name, { seq }).catch(() => null);
        if (msg?.subject === subj) out.push(msg.json<EventEnvelope>());
      }
      return out as never;
    },
    sql: (query, params = []) => env.deps.orm.em.fork().getConnection().execute(query, params as never[]) as never,
    request: (path, init) => app.handle(new Request(new URL(new URL(path, 'http://users.test').pathname, 'http://users.test'), init)),
    cleanup: () => env.cleanup(),
  };
}

/** The first error's `extensions.code`. */
export const code = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.code as string | undefined;
export const field = (res: { errors?: any[] }) => res.errors?.[0]?.extensions?.field as string | undefined;

/** Polls until `check` returns something truthy (events are published by the outbox relay after commit). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await Bun.sleep(50);
  }
}

export const FRIEND = {
  send: `mutation ($id: ID!) { sendFriendRequest(userId: $id) { status request { id from { id } to { id } } user { id } } }`,
  accept: `mutation ($id: ID!) { acceptFriendRequest(requestId: $id) { id handle } }`,
  decline: `mutation ($id: ID!) { declineFriendRequest(requestId: $id) }`,
  cancel: `mutation ($id: ID!) { cancelFriendRequest(requestId: $id) }`,
  remove: `mutation ($id: ID!) { removeFriend(userId: $id) }`,
};

/** Makes `a` and `b` friends through the API. */
export async function befriend(h: Harness, a: TestUser, b: TestUser): Promise<void> {
  const sent = await h.post(FRIEND.send, { id: b.id }, a.token);
  if (sent.errors) throw new Error(JSON.stringify(sent.errors));
  const accepted = await h.post(FRIEND.accept, { id: sent.data.sendFriendRequest.request.id }, b.token);
  if (accepted.errors) throw new Error(JSON.stringify(accepted.errors));
}
