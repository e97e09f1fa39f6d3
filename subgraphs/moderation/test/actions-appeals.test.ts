/** Actions (strikes, escalation, events), appeals (one per action, six months, another moderator), the audit log, GDPR. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { getIntrospectionQuery } from 'graphql';
import { appealClosesAt } from '../src/modules/actions/policy.ts';
import { moderationGdpr } from '../src/gdpr.ts';
import { code, createHarness, eventually, field, playerMessage, recorded, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.cleanup());

const TAKE = `mutation ($input: TakeModerationActionInput!) { takeModerationAction(input: $input) {
  id type policy statement startsAt expiresAt active strikes automated moderator { id } case { id status } canAppeal appealableUntil } }`;
const MINE = `{ myModerationActions { totalCount edges { node { id type policy statement expiresAt active automated moderator { id } case { id } canAppeal
  escalatedFrom { id } appeal { status decisionNote } } } } }`;
const STRIKES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { strikes { active total nextDecayAt nextPenalty { atStrikes type durationMinutes } } } } }`;
const APPEAL = `mutation ($a: ID!, $s: String!) { appealModerationAction(actionId: $a, statement: $s) { id status action { id } } }`;
const DECIDE = `mutation ($id: ID!, $d: ModerationAppealDecision!, $n: String!) { decideModerationAppeal(id: $id, decision: $d, note: $n) { status decisionNote decider { id } } }`;
const REASONS = 'You repeatedly insulted other players in campaign chat.';
const strikes = async (userId: string, token: string) =>
  (await h.post(STRIKES, { representations: [{ __typename: 'User', id: userId }] }, token)).data._entities[0].strikes;

let mod: { id: string; token: string };
let mod2: { id: string; token: string };
let admin: { id: string; token: string };
beforeAll(async () => {
  [mod, mod2, admin] = [await h.user(['moderator']), await h.user(['moderator']), await h.user(['admin'])];
});

describe('actions', () => {
  test('a suspension on a case resolves it, is announced with its payload, and is shown to the player with its reasons', async () => {
    const [offender, reporter] = [await h.user(), await h.user()];
    await h.post(`mutation ($input: ReportInput!) { report(input: $input) { id } }`, { input: { subjectType: 'USER', subjectId: offender.id, reason: 'HARASSMENT' } }, reporter.token);
    const [c] = await h.sql(`select id from moderation.moderation_case where subject_id = ?`, [offender.id]);
    const res = await h.post(TAKE, { input: { userId: offender.id, type: 'SUSPEND', policy: 'HARASSMENT', statement: REASONS, caseId: c.id, durationMinutes: 3 * 1440 } }, mod.token);
    expect(res.errors).toBeUndefined();
    const action = res.data.takeModerationAction;
    expect(action).toMatchObject({ type: 'SUSPEND', policy: 'HARASSMENT', statement: REASONS, active: true, strikes: 2, automated: false, moderator: { id: mod.id }, case: { id: c.id, status: 'RESOLVED' } });
    expect(new Date(action.expiresAt).getTime() - new Date(action.startsAt).getTime()).toBe(3 * 86_400_000);
    expect((await h.sql(`select status from moderation.report where case_id = ?`, [c.id]))[0].status).toBe('ACTIONED');

    const event = await eventually(async () => (await h.events('moderation.action')).find((e) => e.data.actionId === action.id));
    expect(event.actor).toBe(mod.id);
    expect(event.data).toEqual({
      actionId: action.id, type: 'SUSPEND', userId: offender.id, campaignId: null, content: null, policy: 'HARASSMENT', statement: REASONS,
      startsAt: action.startsAt, expiresAt: action.expiresAt, strikes: 2, activeStrikes: 2, escalatedFromId: null, caseId: c.id,
    });

    const mine = (await h.post(MINE, {}, offender.token)).data.myModerationActions;
    expect(mine.totalCount).toBe(1);
    // the player sees why, until when, and that they may appeal — not who decided, nor the case
    expect(mine.edges[0].node).toMatchObject({ id: action.id, statement: REASONS, active: true, moderator: null, case: null, canAppeal: true, appeal: null });
    expect(await strikes(offender.id, offender.token)).toMatchObject({ active: 2, total: 2, nextPenalty: { atStrikes: 3, type: 'SUSPEND', durationMinutes: 1440 } });
    expect(code(await h.post(STRIKES, { representations: [{ __typename: 'User', id: offender.id }] }, reporter.token))).toBe('FORBIDDEN');
    // a resolved case takes no more actions
    expect(code(await h.post(TAKE, { input: { userId: offender.id, type: 'WARN', policy: 'HARASSMENT', statement: REASONS, caseId: c.id } }, mod.token))).toBe('CONFLICT');
  });

  test('strikes escalate (3 → one-day suspension) and decay after 90 days', async () => {
    const p = await h.user();
    const warn = () => h.post(TAKE, { input: { userId: p.id, type: 'WARN', policy: 'SPAM', statement: 'Advertising other services in chat.' } }, mod.token);
    await warn();
    await warn();
    const third = (await warn()).data.takeModerationAction;
    const actions = (await h.post(MINE, {}, p.token)).data.myModerationActions.edges.map((e: any) => e.node);
    expect(actions.map((a: any) => [a.type, a.automated])).toEqual([['SUSPEND', true], ['WARN', false], ['WARN', false], ['WARN', false]]);
    const suspension = actions[0];
    expect(suspension).toMatchObject({ policy: 'REPEATED_VIOLATIONS', escalatedFrom: { id: third.id }, active: true });
    expect(suspension.statement).toContain('3 active strikes');
    expect(new Date(suspension.expiresAt).getTime() - h.clock.now).toBe(86_400_000);
    const escalated = await eventually(async () => (await h.events('moderation.action')).find((e) => e.data.escalatedFromId === third.id));
    expect(escalated.data).toMatchObject({ type: 'SUSPEND', userId: p.id, activeStrikes: 3, strikes: 0 });
    // a fourth warning crosses no new step
    await warn();
    expect((await h.post(MINE, {}, p.token)).data.myModerationActions.totalCount).toBe(5);

    h.clock.now += 91 * 86_400_000;
    try {
      expect(await strikes(p.id, mod.token)).toMatchObject({ active: 0, total: 4, nextDecayAt: null, nextPenalty: { atStrikes: 3 } });
    } finally {
      h.clock.now = Date.now();
    }
  });

  test('REMOVE_CONTENT hides the message; KICK needs a campaign; BAN is for admins; no action on yourself', async () => {
    const p = await h.user();
    const campaignId = Bun.randomUUIDv7();
    const msg = await playerMessage(h, campaignId, p.id, 'something awful');
    await recorded(h, msg.id);
    const removed = await h.post(TAKE, { input: { userId: p.id, type: 'REMOVE_CONTENT', policy: 'HARASSMENT', statement: REASONS, contentId: msg.id } }, mod.token);
    expect(removed.errors).toBeUndefined();
    expect((await recorded(h, msg.id)).hidden_at).not.toBeNull();
    const event = await eventually(async () => (await h.events('moderation.action')).find((e) => e.data.actionId === removed.data.takeModerationAction.id));
    expect(event.data).toMatchObject({ campaignId, content: { contentId: msg.id, campaignId, kind: 'player_message' } });
    expect(await eventually(async () => (await h.events('moderation.content_hidden')).find((e) => e.data.contentId === msg.id))).toMatchObject({ data: { source: 'moderator' } });

    const kick = await h.post(TAKE, { input: { userId: p.id, type: 'KICK', policy: 'HARASSMENT', statement: REASONS, campaignId } }, mod.token);
    expect(kick.data.takeModerationAction).toMatchObject({ type: 'KICK', expiresAt: null });
    const bad = (input: Record<string, unknown>, token = mod.token) => h.post(TAKE, { input: { userId: p.id, policy: 'HARASSMENT', statement: REASONS, ...input } }, token);
    const cases: Array<[Record<string, unknown>, string, string?, string?]> = [
      [{ type: 'KICK' }, 'BAD_USER_INPUT', 'campaignId'],
      [{ type: 'SUSPEND' }, 'BAD_USER_INPUT', 'durationMinutes'],
      [{ type: 'SUSPEND', durationMinutes: 30 }, 'BAD_USER_INPUT', 'durationMinutes'],
      [{ type: 'WARN', durationMinutes: 30 }, 'BAD_USER_INPUT', 'durationMinutes'],
      [{ type: 'WARN', campaignId }, 'BAD_USER_INPUT', 'campaignId'],
      [{ type: 'WARN', statement: 'too short' }, 'BAD_USER_INPUT', 'statement'],
      [{ type: 'WARN', policy: 'REPEATED_VIOLATIONS' }, 'BAD_USER_INPUT', 'policy'],
      [{ type: 'WARN', userId: 'nope' }, 'BAD_USER_INPUT', 'userId'],
      [{ type: 'WARN', caseId: Bun.randomUUIDv7() }, 'NOT_FOUND'],
      [{ type: 'REMOVE_CONTENT' }, 'BAD_USER_INPUT', 'contentId'],
      [{ type: 'REMOVE_CONTENT', contentId: Bun.randomUUIDv7() }, 'NOT_FOUND'],
      [{ type: 'BAN' }, 'FORBIDDEN'],
      [{ type: 'WARN', userId: mod.id }, 'FORBIDDEN'],
      [{ type: 'WARN' }, 'FORBIDDEN', undefined, p.token],
    ];
    for (const [input, expected, expectedField, token] of cases) {
      const res = await bad(input, token);
      expect({ input, code: code(res), field: field(res) }).toEqual({ input, code: expected, field: expectedField });
    }
    const ban = await bad({ type: 'BAN', policy: 'CHEATING' }, admin.token);
    expect(ban.data.takeModerationAction).toMatchObject({ type: 'BAN', expiresAt: null, strikes: 0, active: true });
  });
});

describe('appeals', () => {
  test('one per action, by the player; decided by another moderator; granting lifts the action and its strikes', async () => {
    const p = await h.user();
    const action = (await h.post(TAKE, { input: { userId: p.id, type: 'SUSPEND', policy: 'HATE_SPEECH', statement: REASONS, durationMinutes: 1440 } }, mod.token)).data.takeModerationAction;
    expect(code(await h.post(APPEAL, { a: action.id, s: 'It was not me, my brother used my account.' }, (await h.user()).token))).toBe('NOT_FOUND');
    expect(field(await h.post(APPEAL, { a: action.id, s: 'no' }, p.token))).toBe('statement');
    const appeal = await h.post(APPEAL, { a: action.id, s: 'It was not me, my brother used my account.' }, p.token);
    expect(appeal.data.appealModerationAction).toMatchObject({ status: 'PENDING', action: { id: action.id } });
    const id = appeal.data.appealModerationAction.id;
    expect(code(await h.post(APPEAL, { a: action.id, s: 'Please look again at my case.' }, p.token))).toBe('ALREADY_APPEALED');
    expect((await h.post(MINE, {}, p.token)).data.myModerationActions.edges[0].node.canAppeal).toBe(false);

    const queue = await h.post(`{ moderationAppeals { edges { node { id status } } } }`, {}, mod2.token);
    expect(queue.data.moderationAppeals.edges.map((e: any) => e.node.id)).toContain(id);
    expect(code(await h.post(`{ moderationAppeals { totalCount } }`, {}, p.token))).toBe('FORBIDDEN');
    expect(code(await h.post(DECIDE, { id, d: 'GRANT', n: 'Looks legitimate to me.' }, mod.token))).toBe('SAME_MODERATOR');
    expect(code(await h.post(DECIDE, { id, d: 'GRANT', n: 'Looks legitimate to me.' }, p.token))).toBe('FORBIDDEN');
    expect(field(await h.post(DECIDE, { id, d: 'GRANT', n: 'ok' }, mod2.token))).toBe('note');
    const granted = await h.post(DECIDE, { id, d: 'GRANT', n: 'The account was shared; strikes removed.' }, mod2.token);
    expect(granted.data.decideModerationAppeal).toEqual({ status: 'GRANTED', decisionNote: 'The account was shared; strikes removed.', decider: { id: mod2.id } });
    expect(code(await h.post(DECIDE, { id, d: 'DENY', n: 'Changed my mind here.' }, admin.token))).toBe('CONFLICT');

    const revoked = await eventually(async () => (await h.events('moderation.action_revoked')).find((e) => e.data.actionId === action.id));
    expect(revoked.data).toMatchObject({ type: 'SUSPEND', userId: p.id, reason: 'appeal_granted', campaignId: null });
    const mine = (await h.post(MINE, {}, p.token)).data.myModerationActions.edges[0].node;
    expect(mine).toMatchObject({ active: false, appeal: { status: 'GRANTED', decisionNote: 'The account was shared; strikes removed.' } });
    expect((await strikes(p.id, p.token)).active).toBe(0);
  });

  test('the window closes six calendar months after the action', async () => {
    expect(appealClosesAt({ createdAt: new Date('2027-08-31T10:00:00Z') }).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    const p = await h.user();
    const action = (await h.post(TAKE, { input: { userId: p.id, type: 'WARN', policy: 'SPAM', statement: REASONS } }, mod.token)).data.takeModerationAction;
    h.clock.now = new Date(action.appealableUntil).getTime() + 1000;
    try {
      const late = await h.post(APPEAL, { a: action.id, s: 'I only just saw this warning.' }, p.token);
      expect(code(late)).toBe('APPEAL_WINDOW_CLOSED');
      expect(late.errors![0].extensions.closedAt).toBe(action.appealableUntil);
    } finally {
      h.clock.now = Date.now();
    }
  });
});

describe('the audit log', () => {
  test('every moderator action is in it, for admins only; it has no mutation path, and the database refuses changes', async () => {
    const log = await h.post(`query ($f: ModerationAuditFilter) { moderationAuditLog(filter: $f, first: 100) { totalCount edges { node { action actor actorUser { id } targetType before after } } } }`, { f: { actorId: mod2.id } }, admin.token);
    expect(log.errors).toBeUndefined();
    const actions = log.data.moderationAuditLog.edges.map((e: any) => e.node.action);
    expect(actions).toEqual(['action.revoked', 'appeal.decided']);
    const decided = log.data.moderationAuditLog.edges[1].node;
    expect(decided).toMatchObject({ actor: mod2.id, actorUser: { id: mod2.id }, targetType: 'appeal', before: '{"status":"PENDING"}' });
    expect(code(await h.post(`{ moderationAuditLog { totalCount } }`, {}, mod.token))).toBe('FORBIDDEN');

    const schema = await h.post(getIntrospectionQuery(), {});
    const mutation = schema.data.__schema.types.find((t: any) => t.name === 'Mutation');
    expect(mutation.fields.map((f: any) => f.name).filter((n: string) => /audit/i.test(n))).toEqual([]);

    const [row] = await h.sql(`select id from moderation.moderation_audit_log limit 1`);
    for (const statement of [`update moderation.moderation_audit_log set actor = 'x' where id = '${row.id}'`, `delete from moderation.moderation_audit_log where id = '${row.id}'`, `truncate moderation.moderation_audit_log`]) {
      await expect(h.sql(statement)).rejects.toThrow(/append-only/);
    }
    expect((await h.sql(`select count(*)::int as n from moderation.moderation_audit_log where id = ?`, [row.id]))[0].n).toBe(1);
  });
});

describe('GDPR', () => {
  test('export holds the player\'s messages, actions and appeals (not who decided); erasure blanks their text everywhere', async () => {
    const [p, other, reporter] = [await h.user(), await h.user(), await h.user()];
    const campaignId = Bun.randomUUIDv7();
    const mine = await playerMessage(h, campaignId, p.id, 'my secret words');
    const theirs = await playerMessage(h, campaignId, other.id, 'their reply');
    await recorded(h, mine.id);
    await recorded(h, theirs.id);
    // the other player's report quotes p's message as context
    await h.post(`mutation ($input: ReportInput!) { report(input: $input) { id } }`, { input: { subjectType: 'MESSAGE', subjectId: theirs.id, reason: 'SPAM', details: 'x' } }, reporter.token);
    const action = (await h.post(TAKE, { input: { userId: p.id, type: 'WARN', policy: 'SPAM', statement: REASONS } }, mod.token)).data.takeModerationAction;
    await h.post(APPEAL, { a: action.id, s: 'I did not send spam at all.' }, p.token);

    const em = h.env.deps.orm.em.fork();
    const exported = await moderationGdpr.exportUser(em, p.id);
    expect((exported.messages as any[]).map((m) => m.text)).toEqual(['my secret words']);
    expect((exported.moderationActions as any[])[0]).toMatchObject({ id: action.id, statement: REASONS });
    expect((exported.moderationActions as any[])[0].moderatorId).toBeUndefined();
    expect((exported.appeals as any[])[0].statement).toBe('I did not send spam at all.');

    await em.transactional((tx) => moderationGdpr.eraseUser(tx, p.id));
    const leftovers = await h.sql(`select 'content' as t from moderation.content_item where text like '%secret words%'
      union all select 'evidence' from moderation.report where evidence::text like '%secret words%'
      union all select 'action' from moderation.moderation_action where user_id = ? and statement <> ''
      union all select 'appeal' from moderation.moderation_appeal where user_id = ? and statement <> ''`, [p.id, p.id]);
    expect(leftovers).toEqual([]);
    const [report] = await h.sql(`select evidence from moderation.report where subject_id = ?`, [theirs.id]);
    expect(report.evidence.items.map((i: any) => i.text)).toEqual(['', 'their reply']);
  });
});
