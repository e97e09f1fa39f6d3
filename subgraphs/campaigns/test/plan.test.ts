import { expect, test } from 'bun:test';
import { planMatch, type MatchCampaign, type MatchCandidate } from '../src/modules/matchmaking/plan.ts';

const at = new Date('2027-01-15T18:00:00Z');
const campaign = (over: Partial<MatchCampaign> = {}): MatchCampaign => ({
  llmTier: 'STANDARD',
  language: 'en',
  timezone: 'Europe/Berlin',
  firstSessionAt: at,
  seatsLeft: 4,
  participantIds: ['owner'],
  ...over,
});
let n = 0;
const ticket = (id: string, over: Partial<MatchCandidate> = {}): MatchCandidate => ({
  ticketId: id,
  memberIds: [id],
  timezone: 'Europe/Berlin',
  language: 'en',
  llmTier: null,
  createdAt: new Date(at.getTime() - 1_000_000 + n++ * 1000),
  ...over,
});
const ids = (p: { picked: MatchCandidate[] }) => p.picked.map((c) => c.ticketId);

test('hard filters: language (primary subtag), tier preference, time-zone distance', () => {
  const plan = planMatch(
    campaign(),
    [
      ticket('fr', { language: 'fr' }),
      ticket('en-gb', { language: 'en-GB' }),
      ticket('premium', { llmTier: 'PREMIUM' }),
      ticket('standard', { llmTier: 'STANDARD' }),
      ticket('tokyo', { timezone: 'Asia/Tokyo' }), // +9 vs +1: 8 h
      ticket('london', { timezone: 'Europe/London' }), // 1 h
    ],
    new Set(),
  );
  expect(new Set(ids(plan))).toEqual(new Set(['en-gb', 'standard', 'london']));
  expect(Object.fromEntries(plan.passed.map((p) => [p.ticketId, p.reason]))).toEqual({ fr: 'LANGUAGE', premium: 'TIER', tokyo: 'TIMEZONE' });
});

test('ranking: closer time zone, then exact tier, then older ticket, then id', () => {
  const t0 = new Date('2027-01-01T00:00:00Z');
  const plan = planMatch(
    campaign({ seatsLeft: 10 }),
    [
      ticket('far-old', { timezone: 'Europe/Moscow', createdAt: t0 }), // 2 h away
      ticket('near-any-new', { createdAt: new Date(t0.getTime() + 5000) }),
      ticket('near-exact-newer', { llmTier: 'STANDARD', createdAt: new Date(t0.getTime() + 9000) }),
      ticket('near-any-old', { createdAt: new Date(t0.getTime() + 1000) }),
      ticket('b-tie', { createdAt: new Date(t0.getTime() + 7000) }),
      ticket('a-tie', { createdAt: new Date(t0.getTime() + 7000) }),
    ],
    new Set(),
  );
  expect(ids(plan)).toEqual(['near-exact-newer', 'near-any-old', 'near-any-new', 'a-tie', 'b-tie', 'far-old']);
});

test('parties stay whole: a party that does not fit is passed over, smaller tickets behind it fill the seats', () => {
  const plan = planMatch(campaign({ seatsLeft: 3 }), [ticket('solo1'), ticket('party4', { memberIds: ['p1', 'p2', 'p3', 'p4'] }), ticket('party2', { memberIds: ['q1', 'q2'] }), ticket('solo2')], new Set());
  expect(ids(plan)).toEqual(['solo1', 'party2']);
  expect(plan.passed).toEqual([
    { ticketId: 'party4', reason: 'NO_ROOM' },
    { ticketId: 'solo2', reason: 'NO_ROOM' },
  ]);
  expect(plan.picked.flatMap((c) => c.memberIds).length).toBeLessThanOrEqual(3);
});

test('blocked pairs are kept apart: with the campaign, with tickets already picked, and inside a party', () => {
  const blocks = new Set<string>();
  const add = (a: string, b: string) => (blocks.add(`${a}|${b}`), blocks.add(`${b}|${a}`));
  add('owner', 'hater');
  add('first', 'rival');
  add('x1', 'x2');
  const plan = planMatch(
    campaign({ seatsLeft: 10, participantIds: ['owner', 'seated'] }),
    [ticket('hater'), ticket('first'), ticket('rival'), ticket('party', { memberIds: ['x1', 'x2'] }), ticket('ok'), ticket('seated')],
    blocks,
  );
  expect(ids(plan)).toEqual(['first', 'ok']);
  expect(Object.fromEntries(plan.passed.map((p) => [p.ticketId, p.reason]))).toEqual({ hater: 'BLOCKED', rival: 'BLOCKED', party: 'BLOCKED', seated: 'ALREADY_IN' });
});

test('deterministic: the same input in any order gives the same plan', () => {
  const pool = Array.from({ length: 40 }, (_, i) =>
    ticket(`t${String(i).padStart(2, '0')}`, {
      timezone: ['Europe/Berlin', 'Europe/London', 'Africa/Cairo', 'America/New_York'][i % 4]!,
      llmTier: [null, 'STANDARD', 'PREMIUM'][i % 3]!,
      memberIds: i % 5 === 0 ? [`t${i}a`, `t${i}b`] : [`t${i}`],
      createdAt: new Date(at.getTime() - (i % 7) * 1000),
    }),
  );
  const blocks = new Set(['t3|t7', 't7|t3', 't10a|t11', 't11|t10a']);
  const a = planMatch(campaign({ seatsLeft: 9 }), pool, blocks);
  for (let k = 0; k < 5; k++) {
    const shuffled = [...pool].sort(() => Math.random() - 0.5);
    expect(ids(planMatch(campaign({ seatsLeft: 9 }), shuffled, blocks))).toEqual(ids(a));
  }
  expect(a.picked.flatMap((c) => c.memberIds).length).toBe(9);
});

test('offsets are compared at the first session: DST on one side changes the distance', () => {
  // New York vs London: 5 h in January; 4 h during the March weeks when the US has switched and the UK has not
  const march = new Date('2027-03-20T18:00:00Z');
  const c = campaign({ timezone: 'Europe/London', firstSessionAt: march });
  expect(ids(planMatch(c, [ticket('ny', { timezone: 'America/New_York' })], new Set(), 240))).toEqual(['ny']);
  expect(ids(planMatch({ ...c, firstSessionAt: at }, [ticket('ny', { timezone: 'America/New_York' })], new Set(), 240))).toEqual([]);
});
