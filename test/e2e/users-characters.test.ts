/**
 * Character portraits end to end: the users process (configured only through its environment) and the gateway,
 * llm-router faked on its OpenAI wire format, objects in an S3-compatible bucket (a local fake that checks SigV4).
 * A player describes their character through the gateway; the portrait is served by URL; erasing the account
 * deletes the stored object.
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startStack, gql, errorCode, eventually, type Stack } from '@startales/testing';
import { startFakeS3, type FakeS3 } from '../../lib/kit/test/fakes/s3.ts';
import { startFakeLlmRouter, PNG, type FakeLlmRouter } from '../../subgraphs/users/test/fakes/llm-router.ts';

const TOKEN = 'e2e-users-router-token';
const MEDIA = 'https://play.example.test';
let stack: Stack;
let router: FakeLlmRouter;
let s3: FakeS3;

beforeAll(async () => {
  router = startFakeLlmRouter({ token: TOKEN });
  s3 = startFakeS3({ bucket: 'portraits', accessKeyId: 'AKIAE2E', secretAccessKey: 'e2e-secret', region: 'eu-central-1' });
  stack = await startStack({
    services: ['users', 'gateway'],
    env: {
      LLM_ROUTER_URL: router.url,
      LLM_ROUTER_SERVICE_TOKEN: TOKEN,
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.url,
      S3_REGION: s3.region,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      MEDIA_PUBLIC_URL: MEDIA,
    },
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await router?.stop();
  await s3?.stop();
}, 60_000);

test('describe → portrait in the bucket → served by URL; erasure deletes it', async () => {
  const id = Date.now().toString(36);
  const reg = await gql(stack.gatewayUrl, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken user { id handle } } }`, {
    input: { email: `portrait.${id}@example.com`, password: 'correct horse battery', handle: `Portrait_${id}` },
  });
  expect(reg.errors).toBeUndefined();
  const { accessToken: token, user } = reg.data!.register as { accessToken: string; user: { id: string; handle: string } };

  const GENERATE = `mutation ($input: GenerateCharacterImageInput!) { generateCharacterImage(input: $input) { id url contentType selected } }`;
  expect(errorCode(await gql(stack.gatewayUrl, GENERATE, { input: { description: 'A dwarven smith with a braided red beard' } }))).toBe('UNAUTHENTICATED');
  const res = await gql(stack.gatewayUrl, GENERATE, { input: { description: 'A dwarven smith with a braided red beard', setAsCharacterImage: true } }, token);
  expect(res.errors).toBeUndefined();
  const image = res.data!.generateCharacterImage as { id: string; url: string; contentType: string; selected: boolean };
  expect(image).toMatchObject({ contentType: 'image/png', selected: true });
  expect(image.url).toBe(`${MEDIA}/media/characters/${image.id}.png`);

  // the router saw the player on every call, with the purpose of each
  expect(router.requests.map((r) => [r.path, r.headers['x-startales-purpose'], r.headers['x-startales-user']])).toEqual([
    ['/v1/chat/completions', 'moderation', user.id],
    ['/v1/images/generations', 'generation', user.id],
    ['/v1/chat/completions', 'moderation', user.id],
  ]);
  // the bytes went to the bucket, signed
  const key = `characters/${user.id}/${image.id}.png`;
  expect(s3.objects.get(key)).toEqual({ bytes: PNG, contentType: 'image/png' });
  expect(s3.requests.every((r) => r.signed)).toBe(true);

  // the public URL's path is served by users (behind an ingress that routes /media to it)
  const media = `${stack.urls.users}${new URL(image.url).pathname}`;
  const served = await fetch(media);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  const seen = await gql(stack.gatewayUrl, `{ me { characterImage { url } } }`, {}, token);
  expect(seen.data!.me).toEqual({ characterImage: { url: image.url } });

  const erased = await gql(stack.gatewayUrl, `mutation ($input: DeleteMyAccountInput!) { deleteMyAccount(input: $input) }`, { input: { confirmHandle: user.handle } }, token);
  expect(erased.errors).toBeUndefined();
  await eventually(async () => !s3.objects.has(key), 'the portrait to be deleted from the bucket', 20_000);
  expect((await fetch(media)).status).toBe(404);
});
