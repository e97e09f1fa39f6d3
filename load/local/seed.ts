/**
 * Seeds players and running campaigns through the gateway (as players would) and NATS (standing in for billing's
 * payments and gamehost's first session, as the end-to-end tests do). Used by the local runner, and on its own to
 * prepare the k6 playing scenario against a cluster (with NATS port-forwarded):
 *
 *   bun load/local/seed.ts --gateway https://startales.example.com/graphql --nats nats://127.0.0.1:4222 --out play.json
 */
import { connectBus, createEnvelope, createLogger } from '@startales/kit';
import { GameEvent, gameSubject, GameSubjectKind } from '@startales/contracts';
import { CREATE_CAMPAIGN, REGISTER, campaignInput, lifecycle, registerInput } from '../operations.ts';

export interface Fixture {
  /** Running campaigns and the access tokens of their paid players. */
  campaigns: Array<{ id: string; players: string[] }>;
  /** Tokens of players not in any campaign (browsing). */
  browsers: string[];
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Record<string, any>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(body.errors ?? res.status)}`);
  return body.data;
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function seed(options: { gatewayUrl: string; natsUrl: string; ns: string; campaigns: number; playersPerCampaign: number; browsers: number }): Promise<Fixture> {
  const { gatewayUrl: url } = options;
  const tag = Date.now().toString(36);
  const total = options.campaigns * (options.playersPerCampaign + 1) + options.browsers;
  const tokens = await pool([...Array(total).keys()], 4, async (i) => (await gql(url, REGISTER, { input: registerInput(`${tag}${i.toString(36)}`) })).register.accessToken as string);
  const owners = tokens.slice(0, options.campaigns);
  const players = tokens.slice(options.campaigns, options.campaigns * (options.playersPerCampaign + 1));
  const browsers = tokens.slice(options.campaigns * (options.playersPerCampaign + 1));
  const bus = await connectBus({ url: options.natsUrl, ns: options.ns, name: 'load-seed', logger: createLogger({ service: 'load-seed', level: 'silent' }) });
  try {
    const campaigns = await pool(owners, 4, async (owner, c) => {
      const id = (await gql(url, CREATE_CAMPAIGN, { input: campaignInput(`Load ${c}`, Math.max(2, options.playersPerCampaign)) }, owner)).createCampaign.id as string;
      await gql(url, lifecycle('openRegistration'), { id }, owner);
      const mine = players.slice(c * options.playersPerCampaign, (c + 1) * options.playersPerCampaign);
      for (const token of mine) {
        await gql(url, lifecycle('joinCampaign'), { id }, token);
        const userId = (await gql(url, `{ me { id } }`, {}, token)).me.id as string;
        await bus.publish(
          'domain.billing.seat_paid',
          createEnvelope('billing.seat_paid', { paymentId: `pi_load_${userId}`, userId, campaignId: id, amountCents: 2500, currency: 'USD', priceBook: 'load', paidAt: new Date().toISOString() }, 'service:billing'),
        );
      }
      for (let i = 0; ; i++) {
        const roster = (await gql(url, `query ($id: ID!) { campaign(id: $id) { roster { status } } }`, { id }, owner)).campaign.roster as Array<{ status: string }>;
        if (roster.length === mine.length && roster.every((r) => r.status === 'PAID')) break;
        if (i > 200) throw new Error(`campaign ${id}: seats not paid`);
        await Bun.sleep(100);
      }
      await gql(url, lifecycle('startMatching'), { id }, owner);
      await gql(url, lifecycle('scheduleCampaign'), { id }, owner);
      await bus.publish(gameSubject(id, GameSubjectKind.OUTCOMES), createEnvelope(GameEvent.SESSION_STARTED, { campaignId: id, index: 0 }, 'service:gamehost'));
      for (let i = 0; ; i++) {
        if ((await gql(url, `query ($id: ID!) { campaign(id: $id) { status } }`, { id }, owner)).campaign.status === 'RUNNING') break;
        if (i > 200) throw new Error(`campaign ${id}: not RUNNING`);
        await Bun.sleep(100);
      }
      return { id, players: mine };
    });
    return { campaigns, browsers };
  } finally {
    await bus.close();
  }
}

if (import.meta.main) {
  const arg = (name: string, fallback?: string) => {
    const i = process.argv.indexOf(`--${name}`);
    const v = i >= 0 ? process.argv[i + 1] : fallback;
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  };
  const fixture = await seed({
    gatewayUrl: arg('gateway'),
    natsUrl: arg('nats'),
    ns: arg('ns', ''),
    campaigns: Number(arg('campaigns', '20')),
    playersPerCampaign: Number(arg('players-per-campaign', '10')),
    browsers: Number(arg('browsers', '0')),
  });
  await Bun.write(arg('out'), JSON.stringify(fixture));
  console.log(`seeded ${fixture.campaigns.length} running campaigns → ${arg('out')}`);
}
