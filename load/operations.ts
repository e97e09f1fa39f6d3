/**
 * The GraphQL operations of the load scenarios, shared by the k6 scripts (deployed cluster) and the local autocannon
 * runner. Plain data: no imports, so k6 can load it too.
 */

/** Browsing: the discovery list, one campaign's page, the player's own profile. */
export const BROWSE_OPEN = `query Browse { openCampaigns(first: 10) { edges { node { id title seatsLeft } } } }`;
export const CAMPAIGN_PAGE = `query CampaignPage($id: ID!) { campaign(id: $id) { id title status seatsTaken sessions { startsAt } } }`;
export const ME = `query Me { me { id handle } }`;

/** Registering: a new account (argon2id hashing: the most CPU-hungry request of the platform). */
export const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;

/** Playing: an action in a running campaign (published on the GAME stream once per actionId), then the state. */
export const SUBMIT_ACTION = `mutation Act($id: ID!, $a: ActionInput!) { submitAction(campaignId: $id, action: $a) { eventId duplicate } }`;

/** Campaign set-up (seeding only). */
export const CREATE_CAMPAIGN = `mutation Create($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
export const lifecycle = (step: string) => `mutation Step($id: ID!) { ${step}(campaignId: $id) { status } }`;

/** A campaign input a seeding step can create. */
export function campaignInput(title: string, maxPlayers: number) {
  return {
    title,
    mode: 'WEEKLY',
    lengthWeeks: 4,
    playHoursPerWeek: 3,
    maxPlayers,
    llmTier: 'STANDARD',
    startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    schedule: { weekday: 'THURSDAY', time: '20:00', timezone: 'Europe/Paris' },
  };
}

/** Unique registration input (k6 VUs and autocannon connections each make their own). */
export function registerInput(tag: string) {
  return { email: `load-${tag}@example.com`, password: 'correct horse battery staple', handle: `l_${tag}`.slice(0, 30) };
}

/** A random UUID v4 without crypto.randomUUID (older k6 runtimes lack it). */
export function uuid(): string {
  const h = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-';
    else if (i === 14) s += '4';
    else if (i === 19) s += h[(Math.random() * 4) | 8];
    else s += h[(Math.random() * 16) | 0];
  }
  return s;
}

/** Thresholds of the seed's target: under 1% failed requests, p95 under 200 ms. */
export const P95_TARGET_MS = 200;
export const MAX_ERROR_RATE = 0.01;
