/** Small pieces on their own: `@listSize` hints, the verified-token cache, request ids, CSRF classification. */
import { expect, test } from 'bun:test';
import { buildSchema, parse } from 'graphql';
import { createCostEstimator, listSizeHintsFromSdl } from '../src/cost.ts';
import { createCachingVerifier } from '../src/verify-cache.ts';
import { isPreflighted } from '../src/csrf.ts';
import type { Principal } from '@startales/kit';

test('@listSize hints in the SDL size lists and connections', () => {
  const sdl = `
    directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!]) on FIELD_DEFINITION
    type Query { tags: [Tag!]! @listSize(assumedSize: 3) page(size: Int): Page @listSize(slicingArguments: ["size"], sizedFields: ["items"]) all: [Tag!]! }
    type Page { items: [Tag!]! }
    type Tag { name: String }
  `;
  const schema = buildSchema(sdl);
  const hints = listSizeHintsFromSdl(parse(sdl));
  expect(hints['Query.tags']).toEqual({ assumedSize: 3 });
  const { estimate } = createCostEstimator({ defaultListSize: 10, hints });
  expect(estimate(schema, parse(`{ tags { name } }`), null, {})).toBe(3);
  expect(estimate(schema, parse(`{ all { name } }`), null, {})).toBe(10);
  expect(estimate(schema, parse(`query ($n: Int) { page(size: $n) { items { name } } }`), null, { n: 40 })).toBe(41);
  expect(estimate(schema, parse(`{ a: tags { name } ...F } fragment F on Query { tags { name } }`), null, {})).toBe(6);
});

test('verified tokens are remembered until they expire, failures never', async () => {
  let calls = 0;
  const token = (expSeconds: number) => `h.${Buffer.from(JSON.stringify({ exp: expSeconds })).toString('base64url')}.s`;
  const inner = {
    async verify(t: string): Promise<Principal> {
      calls++;
      if (t.startsWith('bad')) throw new Error('invalid');
      return { userId: 'u', handle: 'h', roles: [], token: t };
    },
  };
  const verifier = createCachingVerifier(inner);
  const live = token(Math.floor(Date.now() / 1000) + 600);
  await verifier.verify(live);
  await verifier.verify(live);
  expect(calls).toBe(1);
  const expired = token(Math.floor(Date.now() / 1000) - 1);
  await verifier.verify(expired);
  await verifier.verify(expired);
  expect(calls).toBe(3);
  await expect(verifier.verify('bad')).rejects.toThrow('invalid');
  await expect(verifier.verify('bad')).rejects.toThrow('invalid');
  expect(calls).toBe(5);
});

test('CSRF: which requests count as preflighted', () => {
  const req = (method: string, headers: Record<string, string> = {}, search = '') => new Request(`http://g.test/graphql${search}`, { method, headers });
  expect(isPreflighted(req('POST', { 'content-type': 'application/json' }))).toBe(true);
  expect(isPreflighted(req('POST', { 'content-type': 'application/graphql-response+json; charset=utf-8' }))).toBe(true);
  expect(isPreflighted(req('POST', { 'content-type': 'text/plain' }))).toBe(false);
  expect(isPreflighted(req('POST', {}))).toBe(false);
  expect(isPreflighted(req('POST', { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }))).toBe(true);
  expect(isPreflighted(req('GET', {}, '?query=%7B__typename%7D'))).toBe(false);
  expect(isPreflighted(req('GET', { 'x-graphql-client-name': 'web' }, '?query=%7B__typename%7D'))).toBe(true);
  expect(isPreflighted(req('GET'))).toBe(true);
  expect(isPreflighted(req('OPTIONS'))).toBe(true);
});
