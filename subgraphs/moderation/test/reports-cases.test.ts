/** Reports on every kind of subject with their evidence, and the review queue they feed (cases, tiers, SLAs). */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { GameEvent } from '@startales/contracts';
import { code, createHarness, eventually, field, narration, playerMessage, recorded, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.cleanup());

const REPORT = `mutation ($input: ReportInput!) { report(input: $input) { id reason status subjectType subjectId user { id } campaign { id }
  evidence { sequence campaign { id } items { id kind sequence text author { id } hidden } } case { id tier reportCount status } } }`;
const REPORT_USER = `mutation ($input: ReportUserInput!) { reportUser(input: $input) { id reason status user { id } reporter { id } } }`;
const QUEUE = `query ($filter: ModerationQueueFilter, $first: Int, $after: String) { moderationQueue(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id tier subjectType subjectId slaDueAt reportCount categories assignee { id } } } } }`;
const CASE = `query ($id: ID!) { moderationCase(id: $id) { id status tier overdue resolution reportCount assignee { id }
  reports { id status } notes { body author { id } } content { id text sequence } } }`;

describe('reports', () => {
  test('reportUser keeps working as before and opens a T1 case on the user; repeats are accepted and join it', async () => {
    const [a, b, bad] = [await h.user(), await h.user(), await h.user()];
    const first = await h.post(REPORT_USER, { input: { userId: bad.id, reason: 'CHEATING', details: ' aimbot ' } }, a.token);
    expect(first.errors).toBeUndefined();
    expect(first.data.reportUser).toMatchObject({ reason: 'CHEATING', status: 'OPEN', user: { id: bad.id }, reporter: { id: a.id } });
    expect((await h.post(REPORT_USER, { input: { userId: bad.id, reason: 'CHEATING' } }, a.token)).errors).toBeUndefined();
    expect((await h.post(REPORT_USER, { input: { userId: bad.id, reason: 'SPAM' } }, b.token)).errors).toBeUndefined();
    const [row] = await h.sql(`select tier, report_count, categories from moderation.moderation_case where subject_id = ? and status = 'OPEN'`, [bad.id]);
    expect(row).toMatchObject({ tier: 1, report_count: 3, categories: ['spam'] });
    expect(await h.sql(`select id from moderation.moderation_case where subject_id = ?`, [bad.id])).toHaveLength(1);
    const events = await eventually(async () => {
      const all = await h.events('moderation.report_filed');
      return all.filter((e) => e.data.userId === bad.id).length === 3 && all;
    });
    expect(events.find((e) => e.data.userId === bad.id)!.data).toMatchObject({ subjectType: 'USER', subjectId: bad.id });
  });

  test('a message: evidence holds it as it was, with its sequence and the messages before it; reporters share one case', async () => {
    const [author, other, r1, r2] = [await h.user(), await h.user(), await h.user(), await h.user()];
    const campaignId = Bun.randomUUIDv7();
    await h.game(campaignId, 'lifecycle', GameEvent.CAMPAIGN_OPENED, { campaignId, seed: 's', title: 'T', ownerId: other.id });
    const before = await playerMessage(h, campaignId, other.id, 'We should head north.');
    const msg = await playerMessage(h, campaignId, author.id, 'You are all useless idiots.');
    const stored = await recorded(h, msg.id);
    const res = await h.post(REPORT, { input: { subjectType: 'MESSAGE', subjectId: msg.id, reason: 'HARASSMENT', details: 'insults' } }, r1.token);
    expect(res.errors).toBeUndefined();
    // evidence and case are for moderators only
    expect(res.data.report).toMatchObject({ subjectType: 'MESSAGE', subjectId: msg.id, user: { id: author.id }, campaign: { id: campaignId }, evidence: null, case: null });

    const mod = await h.user(['moderator']);
    const asMod = await h.post(`query ($id: ID!) { moderationCase(id: $id) { reports { id evidence { sequence items { id text author { id } sequence } } } } }`, {
      id: (await h.sql(`select case_id from moderation.report where id = ?`, [res.data.report.id]))[0].case_id,
    }, mod.token);
    const evidence = asMod.data.moderationCase.reports[0].evidence;
    expect(evidence.sequence).toBe(Number(stored.seq));
    expect(evidence.items.map((i: any) => i.id)).toEqual([before.id, msg.id]);
    expect(evidence.items[1]).toMatchObject({ text: 'You are all useless idiots.', author: { id: author.id } });

    const second = await h.post(REPORT, { input: { subjectType: 'MESSAGE', subjectId: msg.id, reason: 'HATE' } }, r2.token);
    expect(second.errors).toBeUndefined();
    const [c] = await h.sql(`select tier, report_count, categories, user_id from moderation.moderation_case where subject_id = ?`, [msg.id]);
    // HATE lifts the case to T2
    expect(c).toMatchObject({ tier: 2, report_count: 2, categories: ['harassment', 'hate'], user_id: author.id });

    expect(code(await h.post(REPORT, { input: { subjectType: 'MESSAGE', subjectId: msg.id, reason: 'SPAM' } }, r1.token))).toBe('CONFLICT');
    const own = await h.post(REPORT, { input: { subjectType: 'MESSAGE', subjectId: msg.id, reason: 'SPAM' } }, author.token);
    expect([code(own), field(own)]).toEqual(['BAD_USER_INPUT', 'subjectId']);
    expect(code(await h.post(REPORT, { input: { subjectType: 'AI_OUTPUT', subjectId: msg.id, reason: 'SPAM' } }, r1.token))).toBe('NOT_FOUND');
  });

  test('AI output has no responsible player; a campaign is its owner\'s, with the last sequence seen', async () => {
    const [owner, r] = [await h.user(), await h.user()];
    const campaignId = Bun.randomUUIDv7();
    await h.game(campaignId, 'lifecycle', GameEvent.CAMPAIGN_OPENED, { campaignId, seed: 's', title: 'T', ownerId: owner.id });
    const out = await narration(h, campaignId, 'The dragon describes, in detail, something vile.');
    const stored = await recorded(h, out.id);
    const ai = await h.post(REPORT, { input: { subjectType: 'AI_OUTPUT', subjectId: out.id, reason: 'SEXUAL_CONTENT' } }, r.token);
    expect(ai.errors).toBeUndefined();
    expect(ai.data.report).toMatchObject({ user: null, campaign: { id: campaignId } });
    const filed = await eventually(async () => (await h.events('moderation.report_filed')).find((e) => e.data.reportId === ai.data.report.id));
    expect(filed.data).toMatchObject({ userId: '', subjectType: 'AI_OUTPUT', subjectId: out.id });

    const camp = await h.post(REPORT, { input: { subjectType: 'CAMPAIGN', subjectId: campaignId, reason: 'OTHER', details: 'the whole thing' } }, r.token);
    expect(camp.errors).toBeUndefined();
    expect(camp.data.report.user).toEqual({ id: owner.id });
    const [row] = await h.sql(`select evidence from moderation.report where id = ?`, [camp.data.report.id]);
    expect(row.evidence.seq).toBe(Number(stored.seq));
    expect(row.evidence.items.map((i: any) => i.id)).toEqual([out.id]);
  });
});

describe('the review queue', () => {
  test('by priority (tier, then SLA), paged; assignment, notes, tiers and dismissal are audited', async () => {
    const [r, mod, mod2, admin] = [await h.user(), await h.user(['moderator']), await h.user(['moderator']), await h.user(['admin'])];
    const targets = [await h.user(), await h.user(), await h.user()];
    await h.post(REPORT, { input: { subjectType: 'USER', subjectId: targets[0]!.id, reason: 'SPAM' } }, r.token); // T1
    await h.post(REPORT, { input: { subjectType: 'USER', subjectId: targets[1]!.id, reason: 'SELF_HARM' } }, r.token); // T3
    await h.post(REPORT, { input: { subjectType: 'USER', subjectId: targets[2]!.id, reason: 'VIOLENCE' } }, r.token); // T2

    expect(code(await h.post(QUEUE, {}, r.token))).toBe('FORBIDDEN');
    const all: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await h.post(QUEUE, { first: 2, after, filter: { unassigned: true } }, mod.token);
      expect(page.errors).toBeUndefined();
      all.push(...page.data.moderationQueue.edges.map((e: any) => e.node));
      if (!page.data.moderationQueue.pageInfo.hasNextPage) break;
      after = page.data.moderationQueue.pageInfo.endCursor;
    }
    const ours = all.filter((c) => targets.some((t) => t.id === c.subjectId));
    expect(ours.map((c) => c.tier)).toEqual(['T3', 'T2', 'T1']);
    const tiers = all.map((c) => Number(c.tier.slice(1)));
    expect(tiers).toEqual([...tiers].sort((x, y) => y - x));
    const t3 = ours[0];
    expect(new Date(t3.slaDueAt).getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);

    // moderators take cases for themselves; only admins hand them to someone else
    expect(code(await h.post(`mutation ($id: ID!, $a: ID) { assignModerationCase(id: $id, assigneeId: $a) { id } }`, { id: t3.id, a: mod2.id }, mod.token))).toBe('FORBIDDEN');
    const mine = await h.post(`mutation ($id: ID!) { assignModerationCase(id: $id) { assignee { id } } }`, { id: t3.id }, mod.token);
    expect(mine.data.assignModerationCase.assignee).toEqual({ id: mod.id });
    const assigned = await h.post(QUEUE, { filter: { assigneeId: mod.id } }, mod.token);
    expect(assigned.data.moderationQueue.edges.map((e: any) => e.node.id)).toEqual([t3.id]);

    await h.post(`mutation ($id: ID!, $b: String!) { addModerationCaseNote(caseId: $id, body: $b) { id } }`, { id: t3.id, b: 'Reached out to the player.' }, mod.token);
    // a T3 case is closed by admins only
    expect(code(await h.post(`mutation ($id: ID!, $r: String!) { dismissModerationCase(id: $id, reason: $r) { id } }`, { id: t3.id, r: 'false alarm' }, mod.token))).toBe('FORBIDDEN');
    const dismissed = await h.post(`mutation ($id: ID!, $r: String!) { dismissModerationCase(id: $id, reason: $r) { status resolution } }`, { id: t3.id, r: 'false alarm' }, admin.token);
    expect(dismissed.data.dismissModerationCase).toEqual({ status: 'DISMISSED', resolution: 'false alarm' });
    const detail = await h.post(CASE, { id: t3.id }, mod.token);
    expect(detail.data.moderationCase.reports.map((x: any) => x.status)).toEqual(['DISMISSED']);
    expect(detail.data.moderationCase.notes[0]).toEqual({ body: 'Reached out to the player.', author: { id: mod.id } });
    expect(code(await h.post(`mutation ($id: ID!) { assignModerationCase(id: $id) { id } }`, { id: t3.id }, mod.token))).toBe('CONFLICT');

    // escalation restarts the SLA for the new tier; overdue shows once it passes
    const t1 = ours[2];
    const moved = await h.post(`mutation ($id: ID!) { setModerationCaseTier(id: $id, tier: T2, reason: "threats in DMs") { tier slaDueAt } }`, { id: t1.id }, mod.token);
    expect(moved.data.setModerationCaseTier.tier).toBe('T2');
    h.clock.now += 5 * 3_600_000;
    expect((await h.post(CASE, { id: t1.id }, mod.token)).data.moderationCase.overdue).toBe(true);
    h.clock.now = Date.now();

    const audit = await h.sql(`select action, actor from moderation.moderation_audit_log where target_id in (?, ?) order by id`, [t3.id, t1.id]);
    expect(audit.map((a: any) => a.action)).toEqual(['case.assigned', 'case.note_added', 'case.dismissed', 'case.tier_changed']);
  });
});

describe('bad input gets typed errors', () => {
  test('every report, case and rule mutation', async () => {
    const [p, mod, admin] = [await h.user(), await h.user(['moderator']), await h.user(['admin'])];
    const someId = Bun.randomUUIDv7();
    const cases: Array<[string, Record<string, unknown>, string | undefined, string, string?]> = [
      [REPORT_USER, { input: { userId: 'nope', reason: 'SPAM' } }, p.token, 'BAD_USER_INPUT', 'userId'],
      [REPORT_USER, { input: { userId: someId, reason: 'SPAM', details: 'x'.repeat(2001) } }, p.token, 'BAD_USER_INPUT', 'details'],
      [REPORT_USER, { input: { userId: someId, reason: 'SPAM' } }, undefined, 'UNAUTHENTICATED'],
      [REPORT, { input: { subjectType: 'USER', subjectId: p.id, reason: 'SPAM' } }, p.token, 'BAD_USER_INPUT', 'subjectId'],
      [REPORT, { input: { subjectType: 'MESSAGE', subjectId: 'x', reason: 'SPAM' } }, p.token, 'BAD_USER_INPUT', 'subjectId'],
      [REPORT, { input: { subjectType: 'MESSAGE', subjectId: someId, reason: 'SPAM' } }, p.token, 'NOT_FOUND'],
      [`mutation { assignModerationCase(id: "${someId}") { id } }`, {}, mod.token, 'NOT_FOUND'],
      [`mutation { assignModerationCase(id: "${someId}") { id } }`, {}, p.token, 'FORBIDDEN'],
      [`mutation { assignModerationCase(id: "bad") { id } }`, {}, mod.token, 'BAD_USER_INPUT', 'caseId'],
      [`mutation { unassignModerationCase(id: "${someId}") { id } }`, {}, mod.token, 'NOT_FOUND'],
      [`mutation { setModerationCaseTier(id: "${someId}", tier: T1, reason: "") { id } }`, {}, mod.token, 'BAD_USER_INPUT', 'reason'],
      [`mutation { addModerationCaseNote(caseId: "${someId}", body: "   ") { id } }`, {}, mod.token, 'BAD_USER_INPUT', 'body'],
      [`mutation { dismissModerationCase(id: "${someId}", reason: "spam") { id } }`, {}, mod.token, 'NOT_FOUND'],
      [`mutation { hideModerationContent(contentId: "${someId}", category: SPAM) { id } }`, {}, mod.token, 'NOT_FOUND'],
      [`mutation { hideModerationContent(contentId: "${someId}", category: SPAM) { id } }`, {}, p.token, 'FORBIDDEN'],
      [`query { moderationQueue(first: 0) { totalCount } }`, {}, mod.token, 'BAD_USER_INPUT', 'first'],
      [`query { moderationQueue(after: "garbage") { totalCount } }`, {}, mod.token, 'BAD_USER_INPUT', 'after'],
      [`mutation { createModerationRule(input: { name: "x", kind: REGEX, pattern: "(a+)+$", category: SPAM, action: FLAG }) { id } }`, {}, admin.token, 'BAD_USER_INPUT', 'pattern'],
      [`mutation { createModerationRule(input: { name: "x", kind: REGEX, pattern: "[", category: SPAM, action: FLAG }) { id } }`, {}, admin.token, 'BAD_USER_INPUT', 'pattern'],
      [`mutation { createModerationRule(input: { name: "", kind: KEYWORD, pattern: "x", category: SPAM, action: FLAG }) { id } }`, {}, admin.token, 'BAD_USER_INPUT', 'name'],
      [`mutation { createModerationRule(input: { name: "x", kind: KEYWORD, pattern: "x", category: SPAM, action: FLAG }) { id } }`, {}, mod.token, 'FORBIDDEN'],
      [`mutation { updateModerationRule(id: "${someId}", input: { enabled: false }) { id } }`, {}, admin.token, 'NOT_FOUND'],
      [`mutation { deleteModerationRule(id: "bad") }`, {}, admin.token, 'BAD_USER_INPUT', 'id'],
      [`mutation { setClassifierThreshold(input: { category: HATE, flagAt: 0.9, hideAt: 0.5 }) { flagAt } }`, {}, admin.token, 'BAD_USER_INPUT', 'hideAt'],
      [`mutation { setClassifierThreshold(input: { category: HATE, flagAt: 0, hideAt: 0.5 }) { flagAt } }`, {}, admin.token, 'BAD_USER_INPUT', 'flagAt'],
      [`mutation { setClassifierThreshold(input: { category: HATE, flagAt: 0.1, hideAt: 0.5 }) { flagAt } }`, {}, mod.token, 'FORBIDDEN'],
    ];
    for (const [query, variables, token, expected, expectedField] of cases) {
      const res = await h.post(query, variables, token);
      expect({ query: query.slice(0, 60), variables, code: code(res) }).toEqual({ query: query.slice(0, 60), variables, code: expected });
      if (expectedField) expect(field(res)).toBe(expectedField);
    }
  });
});
