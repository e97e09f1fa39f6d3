/**
 * Character portraits, in process on a real database: the users app against a fake llm-router (the OpenAI SDK
 * speaking its real wire format) and real local object storage in a temporary folder.
 */
import { afterAll, beforeAll, beforeEach, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalObjectStorage } from '@startales/kit';
import { createHarness, code, field, type Harness, type TestUser } from './social/harness.ts';
import { startFakeLlmRouter, classified, PNG, type FakeLlmRouter } from './fakes/llm-router.ts';
import { createCharacterRouter } from '../src/modules/characters/router.ts';
import { createUsersGdprHandlers } from '../src/modules/gdpr/index.ts';
import { modules } from '../src/modules/index.ts';

const TOKEN = 'users-test-service-token';
const MEDIA = 'https://play.startales.test';
const DESCRIPTION = 'Ysolde, a weathered elven ranger with a scar across her cheek, green hooded cloak and a longbow';
const GENERATE = `mutation ($input: GenerateCharacterImageInput!) { generateCharacterImage(input: $input) { id description url contentType selected createdAt } }`;

let h: Harness;
let router: FakeLlmRouter;
let dir: string;
let storage: ReturnType<typeof createLocalObjectStorage>;
let now = Date.parse('2026-11-25T12:00:00Z');
// each test makes several database round trips per attempt; the machine is shared
setDefaultTimeout(20_000);

beforeAll(async () => {
  router = startFakeLlmRouter({ token: TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'users-characters-'));
  storage = createLocalObjectStorage({ dir });
  h = await createHarness({
    storage,
    characterRouter: createCharacterRouter({ url: router.url, serviceToken: TOKEN, imageModel: 'openai/gpt-image-1', moderationModel: 'STANDARD', timeoutMs: 5000 }),
    characterImagesPerDay: 3,
    mediaPublicUrl: MEDIA,
    clock: () => now,
  });
});
afterAll(async () => {
  await h?.cleanup();
  await router?.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  router.requests.length = 0;
  router.fail = {};
  router.scoreText = () => ({});
  router.scoreImage = () => ({});
  router.image = PNG;
  router.delayMs.images = 0;
});

const generate = (user: TestUser, input: Record<string, unknown>) => h.post(GENERATE, { input }, user.token);
const rowsOf = (user: TestUser) => h.sql(`select id, status, rejected_stage, categories, storage_key, cost_micros from users.character_image where user_id = ? order by created_at`, [user.id]);

test('a description becomes a stored, served portrait; every router call is attributed to the player with its purpose', async () => {
  const player = await h.user();
  const res = await generate(player, { description: `  ${DESCRIPTION}  `, setAsCharacterImage: true });
  expect(res.errors).toBeUndefined();
  const image = res.data.generateCharacterImage;
  expect(image).toMatchObject({ description: DESCRIPTION, contentType: 'image/png', selected: true });
  expect(image.url).toBe(`${MEDIA}/media/characters/${image.id}.png`);
  // the id is a random (v4) UUID: the URL cannot be guessed from another one
  expect(image.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

  // the URL serves the bytes the model drew, with the right type and cache headers
  const served = await h.request(image.url);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(served.headers.get('cache-control')).toBe('public, max-age=86400');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  const again = await h.request(image.url, { headers: { 'if-none-match': served.headers.get('etag')! } });
  expect(again.status).toBe(304);

  // three calls: the description check, the drawing, the check of the drawing itself
  expect(router.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/images/generations', '/v1/chat/completions']);
  for (const r of router.requests) {
    expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.headers['x-startales-user']).toBe(player.id);
    expect(r.headers['x-startales-campaign']).toBeUndefined();
  }
  const [describe, draw, check] = router.requests as [any, any, any];
  expect(describe.headers['x-startales-purpose']).toBe('moderation');
  expect(describe.body.model).toBe('STANDARD');
  expect(classified(describe)).toEqual({ text: DESCRIPTION, image: null });
  expect(draw.headers['x-startales-purpose']).toBe('generation');
  expect(draw.body).toMatchObject({ model: 'openai/gpt-image-1', n: 1, size: '1024x1024' });
  expect(draw.body.prompt).toContain(DESCRIPTION);
  expect(check.headers['x-startales-purpose']).toBe('moderation');
  const checked = classified(check);
  expect(checked.image).toEqual(PNG);
  expect(checked.text).toBe('A weathered elven ranger, painterly portrait');

  // stored under the player's prefix; the attempt records what the router said it cost
  expect(await storage.list(`characters/${player.id}/`)).toEqual([`characters/${player.id}/${image.id}.png`]);
  const [row] = await rowsOf(player);
  expect(row).toMatchObject({ id: image.id, status: 'READY', cost_micros: 25 + 42_000 + 300 });

  const me = await h.post(`{ me { characterImage { id url } characterImages { id } } }`, {}, player.token);
  expect(me.data.me.characterImage).toEqual({ id: image.id, url: image.url });
  expect(me.data.me.characterImages).toEqual([{ id: image.id }]);
});

test('others see the character image only where the profile is visible to them; the list is the owner’s', async () => {
  const player = await h.user();
  const other = await h.user();
  const image = (await generate(player, { description: DESCRIPTION, setAsCharacterImage: true })).data.generateCharacterImage;
  const look = `query ($id: ID!) { user(id: $id) { characterImage { id url } characterImages { id } } }`;
  const seen = await h.post(look, { id: player.id }, other.token);
  expect(seen.errors).toBeUndefined();
  expect(seen.data.user).toEqual({ characterImage: { id: image.id, url: image.url }, characterImages: null });
  const priv = await h.post(`mutation { updatePrivacy(input: { profileVisibility: PRIVATE }) { id } }`, {}, player.token);
  expect(priv.errors).toBeUndefined();
  expect((await h.post(look, { id: player.id }, other.token)).data.user).toEqual({ characterImage: null, characterImages: null });
});

test('choosing, clearing and removing portraits; a removed portrait’s URL answers 404 and its object is gone', async () => {
  const player = await h.user();
  const first = (await generate(player, { description: DESCRIPTION })).data.generateCharacterImage;
  expect(first.selected).toBe(false);
  now += 1000; // newest first: the two must not share a millisecond
  const second = (await generate(player, { description: `${DESCRIPTION}, older and grey` })).data.generateCharacterImage;
  const set = `mutation ($id: ID) { setCharacterImage(id: $id) { characterImage { id } characterImages { id selected } } }`;
  let res = await h.post(set, { id: first.id }, player.token);
  expect(res.data.setCharacterImage.characterImage).toEqual({ id: first.id });
  res = await h.post(set, { id: second.id }, player.token);
  expect(res.data.setCharacterImage.characterImages).toEqual([
    { id: second.id, selected: true },
    { id: first.id, selected: false },
  ]);
  res = await h.post(set, { id: null }, player.token);
  expect(res.data.setCharacterImage.characterImage).toBeNull();

  // someone else's portrait, an unknown one, or a malformed id
  const stranger = await h.user();
  expect(code(await h.post(set, { id: first.id }, stranger.token))).toBe('NOT_FOUND');
  expect(code(await h.post(set, { id: crypto.randomUUID() }, player.token))).toBe('NOT_FOUND');
  expect(code(await h.post(set, { id: 'nope' }, player.token))).toBe('BAD_USER_INPUT');
  const remove = `mutation ($id: ID!) { removeCharacterImage(id: $id) }`;
  expect((await h.post(remove, { id: first.id }, stranger.token)).data.removeCharacterImage).toBe(false);

  await h.post(set, { id: first.id }, player.token);
  expect((await h.post(remove, { id: first.id }, player.token)).data.removeCharacterImage).toBe(true);
  expect((await h.post(remove, { id: first.id }, player.token)).data.removeCharacterImage).toBe(false);
  expect((await h.request(first.url)).status).toBe(404);
  expect((await h.request(second.url)).status).toBe(200);
  expect(await storage.list(`characters/${player.id}/`)).toEqual([`characters/${player.id}/${second.id}.png`]);
  expect((await h.post(`{ me { characterImage { id } characterImages { id } } }`, {}, player.token)).data.me).toEqual({ characterImage: null, characterImages: [{ id: second.id }] });
});

test('the media route answers 404 for unknown, malformed or mistyped names', async () => {
  const player = await h.user();
  const image = (await generate(player, { description: DESCRIPTION })).data.generateCharacterImage;
  for (const path of [`/media/characters/${crypto.randomUUID()}.png`, `/media/characters/${image.id}.jpg`, `/media/characters/${image.id}`, '/media/characters/..%2F..%2Fetc%2Fpasswd', '/media/characters/x.png']) {
    const res = await h.request(path);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  }
});

test('a description the classifier refuses is CONTENT_REJECTED before anything is drawn', async () => {
  const player = await h.user();
  router.scoreText = (text) => (text.includes('swastika') ? { hate: 0.93 } : {});
  const res = await generate(player, { description: 'A soldier with a swastika armband and a sneer' });
  expect(code(res)).toBe('CONTENT_REJECTED');
  expect(res.errors![0].extensions).toMatchObject({ stage: 'DESCRIPTION', categories: ['hate'] });
  expect(router.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
  expect(await storage.list(`characters/${player.id}/`)).toEqual([]);
  expect(await rowsOf(player)).toMatchObject([{ status: 'REJECTED', rejected_stage: 'DESCRIPTION', categories: ['hate'], storage_key: null }]);
  // fantasy violence is the game: a high-ish violence score alone does not refuse
  router.scoreText = () => ({ violence: 0.7 });
  expect((await generate(player, { description: DESCRIPTION })).errors).toBeUndefined();
});

test('a portrait the classifier refuses (judged on the image itself) is CONTENT_REJECTED and never stored', async () => {
  const player = await h.user();
  const lewd = new Uint8Array([...PNG, 0x00]);
  router.image = lewd;
  router.scoreImage = (bytes) => (bytes.length === lewd.length ? { sexual: 0.91 } : {});
  const res = await generate(player, { description: DESCRIPTION, setAsCharacterImage: true });
  expect(code(res)).toBe('CONTENT_REJECTED');
  expect(res.errors![0].extensions).toMatchObject({ stage: 'IMAGE', categories: ['sexual'] });
  expect(router.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/images/generations', '/v1/chat/completions']);
  expect(await storage.list(`characters/${player.id}/`)).toEqual([]);
  expect(await rowsOf(player)).toMatchObject([{ status: 'REJECTED', rejected_stage: 'IMAGE', storage_key: null }]);
  expect((await h.post(`{ me { characterImage { id } } }`, {}, player.token)).data.me.characterImage).toBeNull();
  // the provider's own refusal of the prompt is a rejection too
  router.fail = { images: 'policy' };
  const refused = await generate(player, { description: DESCRIPTION });
  expect(code(refused)).toBe('CONTENT_REJECTED');
  expect(refused.errors![0].extensions.stage).toBe('DESCRIPTION');
});

test('router failures are typed errors, never 500s; failures on our side do not use up the player’s attempts', async () => {
  const player = await h.user();
  const cases: Array<[FakeLlmRouter['fail'], string]> = [
    [{ chat: 'down' }, 'SERVICE_UNAVAILABLE'],
    [{ images: 'down' }, 'SERVICE_UNAVAILABLE'],
    [{ chat: 'garbage' }, 'SERVICE_UNAVAILABLE'],
    [{ images: 'garbage' }, 'SERVICE_UNAVAILABLE'],
    [{ images: 'budget' }, 'BUDGET_EXCEEDED'],
    [{ chat: 'budget' }, 'BUDGET_EXCEEDED'],
  ];
  for (const [fail, expected] of cases) {
    router.fail = fail;
    const res = await generate(player, { description: DESCRIPTION });
    expect([JSON.stringify(fail), code(res)]).toEqual([JSON.stringify(fail), expected]);
  }
  router.fail = { images: 'rate' };
  const limited = await generate(player, { description: DESCRIPTION });
  expect(code(limited)).toBe('RATE_LIMITED');
  expect(limited.errors![0].extensions.retryAfterSeconds).toBe(17);
  // bytes that are no image
  router.fail = {};
  router.image = new TextEncoder().encode('<html>definitely not a picture</html>');
  expect(code(await generate(player, { description: DESCRIPTION }))).toBe('SERVICE_UNAVAILABLE');
  expect(await storage.list(`characters/${player.id}/`)).toEqual([]);
  // 8 failures, none counted: the daily 3 are all still there
  router.image = PNG;
  for (let i = 0; i < 3; i++) expect((await generate(player, { description: DESCRIPTION })).errors).toBeUndefined();
  const statuses = (await rowsOf(player)).map((r: { status: string }) => r.status);
  expect(statuses.filter((s: string) => s === 'FAILED')).toHaveLength(8);
});

test('no router (down or not configured) is SERVICE_UNAVAILABLE, and the rest of the service works', async () => {
  const closed = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response() });
  const deadUrl = `http://127.0.0.1:${closed.port}`;
  await closed.stop(true);
  const down = await createHarness({ storage, characterRouter: createCharacterRouter({ url: deadUrl, serviceToken: TOKEN, timeoutMs: 2000 }) });
  const bare = await createHarness({});
  try {
    for (const env of [down, bare]) {
      const player = await env.user();
      const res = await env.post(GENERATE, { input: { description: DESCRIPTION } }, player.token);
      expect(code(res)).toBe('SERVICE_UNAVAILABLE');
      expect((await env.post(`{ me { id characterImage { id } } }`, {}, player.token)).data.me).toEqual({ id: player.id, characterImage: null });
    }
  } finally {
    await down.cleanup();
    await bare.cleanup();
  }
}, 30_000);

test('bad input is BAD_USER_INPUT naming the field, and nothing reaches the router', async () => {
  const player = await h.user();
  for (const description of ['short', ' '.repeat(40), 'x'.repeat(1001), `A ranger\u0000 with a bow and arrows`]) {
    const res = await generate(player, { description });
    expect([description.slice(0, 12), code(res), field(res)]).toEqual([description.slice(0, 12), 'BAD_USER_INPUT', 'input.description']);
  }
  expect(code(await h.post(`mutation { generateCharacterImage(input: {}) { id } }`, {}, player.token))).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(router.requests).toEqual([]);
  expect(await rowsOf(player)).toEqual([]);
});

test('signed-out callers are UNAUTHENTICATED', async () => {
  expect(code(await h.post(GENERATE, { input: { description: DESCRIPTION } }))).toBe('UNAUTHENTICATED');
  expect(code(await h.post(`mutation { setCharacterImage(id: null) { id } }`))).toBe('UNAUTHENTICATED');
  expect(code(await h.post(`mutation { removeCharacterImage(id: "x") }`))).toBe('UNAUTHENTICATED');
  expect(router.requests).toEqual([]);
});

test('a few portraits a day per player (RATE_LIMITED with retryAfterSeconds), one at a time', async () => {
  const player = await h.user();
  const start = now;
  try {
    for (let i = 0; i < 2; i++) {
      expect((await generate(player, { description: DESCRIPTION })).errors).toBeUndefined();
      now += 60_000;
    }
    // a refused description counts too (it probes the classifier and costs a call)
    router.scoreText = () => ({ 'sexual/minors': 0.5 });
    expect(code(await generate(player, { description: DESCRIPTION }))).toBe('CONTENT_REJECTED');
    router.scoreText = () => ({});
    const limited = await generate(player, { description: DESCRIPTION });
    expect(code(limited)).toBe('RATE_LIMITED');
    // the oldest of the day's attempts frees its slot 24 h after it was made
    expect(limited.errors![0].extensions.retryAfterSeconds).toBe(86_400 - 120);
    const calls = router.requests.length;
    expect((await generate(player, { description: DESCRIPTION })).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(router.requests.length).toBe(calls);
    // another player is not affected
    const other = await h.user();
    expect((await generate(other, { description: DESCRIPTION })).errors).toBeUndefined();
    now = start + 86_400_000 + 1000;
    expect((await generate(player, { description: DESCRIPTION })).errors).toBeUndefined();

    // two at once: the second is refused while the first is being drawn
    const racer = await h.user();
    router.delayMs.images = 300;
    const results = await Promise.all([generate(racer, { description: DESCRIPTION }), Bun.sleep(100).then(() => generate(racer, { description: DESCRIPTION }))]);
    expect(results.map(code).sort()).toEqual(['RATE_LIMITED', undefined].sort());
  } finally {
    now = start;
  }
});

test('GDPR: the export lists the portraits with their URLs; erasure deletes every stored object and row', async () => {
  const player = await h.user();
  const kept = (await generate(player, { description: DESCRIPTION, setAsCharacterImage: true })).data.generateCharacterImage;
  router.scoreText = () => ({ hate: 0.9 });
  now += 1000;
  await generate(player, { description: `${DESCRIPTION} (rejected)` });
  router.scoreText = () => ({});
  // an object no row points at any more (a crash between storing and recording) is swept as well
  await storage.put(`characters/${player.id}/orphan.png`, PNG);
  const other = await h.user();
  const others = (await generate(other, { description: DESCRIPTION })).data.generateCharacterImage;

  const handlers = createUsersGdprHandlers(modules, { storage, mediaPublicUrl: MEDIA });
  const em = h.env.deps.orm.em.fork();
  const exported = (await handlers.exportUser(em, player.id)).characters as { characterImages: any[] };
  expect(exported.characterImages).toHaveLength(2);
  expect(exported.characterImages[0]).toMatchObject({ id: kept.id, description: DESCRIPTION, status: 'READY', selected: true, url: kept.url, contentType: 'image/png' });
  expect(exported.characterImages[1]).toMatchObject({ status: 'REJECTED', rejectedStage: 'DESCRIPTION', url: null });
  expect(exported.characterImages[0].storageKey).toBeUndefined();

  await em.transactional((tx) => handlers.eraseUser(tx, player.id));
  expect(await storage.list(`characters/${player.id}/`)).toEqual([]);
  expect(await rowsOf(player)).toEqual([]);
  expect((await h.request(kept.url)).status).toBe(404);
  // nobody else's portraits are touched
  expect((await h.request(others.url)).status).toBe(200);
  expect(((await handlers.exportUser(h.env.deps.orm.em.fork(), player.id)).characters as { characterImages: unknown[] }).characterImages).toEqual([]);
});
