/**
 * Startales players against a deployed cluster: browsing, registering, playing. Run with k6 (TypeScript is native):
 *
 *   k6 run -e BASE_URL=https://startales.example.com load/k6/startales.ts
 *   k6 run -e BASE_URL=… -e PLAY_FIXTURE=./play.json load/k6/startales.ts     # with the playing scenario
 *
 * PLAY_FIXTURE is what `bun load/local/seed.ts` writes: running campaigns and the tokens of their paid players (a
 * campaign only takes actions once it runs, which needs payments and a game host). Thresholds are the seed's
 * targets: http_req_failed < 1 %, p(95) < 200 ms, per scenario and overall.
 */
import http from 'k6/http';
import { check, fail, sleep } from 'k6';
import { SharedArray } from 'k6/data';
import { Rate } from 'k6/metrics';
import type { Options, Scenario } from 'k6/options';
import { BROWSE_OPEN, CAMPAIGN_PAGE, ME, REGISTER, SUBMIT_ACTION, registerInput, uuid } from '../operations.ts';

const BASE_URL = (__ENV.BASE_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
const GRAPHQL = `${BASE_URL}/graphql`;
const PLAYERS = Number(__ENV.PLAYERS ?? 200);
const DURATION = __ENV.DURATION ?? '5m';
const BROWSERS = Number(__ENV.BROWSING_PLAYERS ?? 50);

interface PlayFixture {
  campaigns: Array<{ id: string; players: string[] }>;
}
const play = new SharedArray<PlayFixture>('play', () => (__ENV.PLAY_FIXTURE ? [JSON.parse(open(__ENV.PLAY_FIXTURE)) as PlayFixture] : []));

const scenarios: Record<string, Scenario> = {
  browsing: {
    executor: 'ramping-vus',
    exec: 'browsing',
    startVUs: 0,
    stages: [
      { duration: '1m', target: BROWSERS },
      { duration: DURATION, target: BROWSERS },
      { duration: '30s', target: 0 },
    ],
  },
  registering: {
    executor: 'constant-arrival-rate',
    exec: 'registering',
    rate: Number(__ENV.REGISTRATIONS_PER_SECOND ?? 5),
    timeUnit: '1s',
    duration: DURATION,
    preAllocatedVUs: 20,
    maxVUs: 100,
  },
};
if (__ENV.PLAY_FIXTURE) {
  scenarios.playing = {
    executor: 'ramping-vus',
    exec: 'playing',
    startVUs: 0,
    stages: [
      { duration: '2m', target: PLAYERS },
      { duration: DURATION, target: PLAYERS },
      { duration: '30s', target: 0 },
    ],
  };
}

export const options: Options = {
  scenarios,
  thresholds: {
    http_req_failed: ['rate<0.01'],
    http_req_duration: ['p(95)<200'],
    'http_req_duration{scenario:browsing}': ['p(95)<200'],
    'http_req_duration{scenario:registering}': ['p(95)<200'],
    ...(__ENV.PLAY_FIXTURE ? { 'http_req_duration{scenario:playing}': ['p(95)<200'] } : {}),
    graphql_errors: ['rate<0.01'],
  },
};

const graphqlErrors = new Rate('graphql_errors');

function gql(query: string, variables: Record<string, unknown>, token?: string, name = 'graphql') {
  const res = http.post(GRAPHQL, JSON.stringify({ query, variables }), {
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    tags: { name },
  });
  let body: { data?: Record<string, any> | null; errors?: unknown[] } = {};
  try {
    body = res.json() as typeof body;
  } catch {
    // counted below as a failed check
  }
  const ok = check(res, { 'status 200': (r) => r.status === 200, 'no GraphQL errors': () => !body.errors });
  graphqlErrors.add(!ok);
  return body.data ?? null;
}

/** Each browsing VU signs up once, then browses like a player deciding what to join. */
let browserToken: string | undefined;
export function browsing() {
  if (!browserToken) {
    const data = gql(REGISTER, { input: registerInput(`b${__VU}-${Date.now().toString(36)}`) }, undefined, 'register');
    browserToken = data?.register?.accessToken;
    if (!browserToken) fail('could not register a browsing player');
  }
  const list = gql(BROWSE_OPEN, {}, browserToken, 'openCampaigns');
  const edges = (list?.openCampaigns?.edges ?? []) as Array<{ node: { id: string } }>;
  sleep(1 + Math.random() * 2);
  if (edges.length) {
    gql(CAMPAIGN_PAGE, { id: edges[Math.floor(Math.random() * edges.length)]!.node.id }, browserToken, 'campaign');
    sleep(2 + Math.random() * 3);
  }
  gql(ME, {}, browserToken, 'me');
  sleep(1);
}

export function registering() {
  gql(REGISTER, { input: registerInput(`r${__VU}-${__ITER}-${Date.now().toString(36)}`) }, undefined, 'register');
}

/** A player in a running session: acts every few seconds and refreshes the campaign between actions. */
export function playing() {
  const fixture = play[0]!;
  const campaign = fixture.campaigns[__VU % fixture.campaigns.length]!;
  const token = campaign.players[Math.floor(__VU / fixture.campaigns.length) % campaign.players.length]!;
  gql(SUBMIT_ACTION, { id: campaign.id, a: { actionId: uuid(), text: 'I search the room for hidden doors.' } }, token, 'submitAction');
  sleep(2 + Math.random() * 4);
  gql(CAMPAIGN_PAGE, { id: campaign.id }, token, 'campaign');
  sleep(2 + Math.random() * 4);
}
