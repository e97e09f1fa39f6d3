/** Automated checks over the GAME stream: admin-managed keyword/regex rules and the LLM classifier's thresholds. */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { compileRule, matchRules } from '../src/modules/automation/matcher.ts';
import { parseScores } from '../src/modules/automation/classifier.ts';
import { ROUTER_TOKEN, code, createHarness, eventually, narration, playerMessage, recorded, type Harness } from './harness.ts';

let h: Harness;
let admin: { id: string; token: string };
let mod: { id: string; token: string };
beforeAll(async () => {
  h = await createHarness({ classifier: true });
  [admin, mod] = [await h.user(['admin']), await h.user(['moderator'])];
});
afterAll(() => h?.cleanup());

const CREATE_RULE = `mutation ($input: CreateModerationRuleInput!) { createModerationRule(input: $input) { id name kind pattern category action appliesTo enabled } }`;
const caseOf = async (contentId: string) =>
  (await h.sql(`select id, tier, flag_count, categories, user_id, status from moderation.moderation_case where subject_id = ?`, [contentId]))[0];
const flagsOf = (contentId: string) => h.sql(`select source, category, score, hid, rule_id from moderation.moderation_flag where content_id = ? order by source, category`, [contentId]);

describe('the matcher', () => {
  test('keywords match whole words and phrases, any case and width; regexes as written', () => {
    const rule = (kind: 'KEYWORD' | 'REGEX', pattern: string) => ({ id: pattern, kind, pattern, category: 'spam' as const, action: 'FLAG' as const, appliesTo: 'ALL' as const, enabled: true });
    const hits = (text: string, ...rules: ReturnType<typeof rule>[]) => matchRules(rules, 'PLAYER_MESSAGE', text).map((x) => x.ruleId);
    expect(hits('Buy GOLD now', rule('KEYWORD', 'buy gold'))).toEqual(['buy gold']);
    expect(hits('ｂｕｙ  gold', rule('KEYWORD', 'buy gold'))).toEqual(['buy gold']);
    expect(hits('buygold, goldsmith', rule('KEYWORD', 'gold'))).toEqual([]);
    expect(hits('visit www.cheap-gold.example', rule('REGEX', 'www\\.[a-z-]+\\.example'))).toEqual(['www\\.[a-z-]+\\.example']);
    expect(() => compileRule('REGEX', '(\\w+)*x')).toThrow(/nested quantifier/);
    expect(parseScores('```json\n{"scores":{"hate":"0.5","self_harm":2}}\n```')).toMatchObject({ hate: 0.5, 'self-harm': 1, spam: 0 });
    expect(() => parseScores('no')).toThrow();
  });
});

describe('rules', () => {
  test('admins manage them (audited); a HIDE rule hides the message, announces it and opens a case; FLAG only opens one', async () => {
    const hide = await h.post(CREATE_RULE, { input: { name: 'gold sellers', kind: 'KEYWORD', pattern: 'cheap gold', category: 'SPAM', action: 'HIDE' } }, admin.token);
    expect(hide.data.createModerationRule).toMatchObject({ kind: 'KEYWORD', category: 'SPAM', action: 'HIDE', appliesTo: 'ALL', enabled: true });
    const flag = await h.post(CREATE_RULE, { input: { name: 'slur-ish', kind: 'REGEX', pattern: 'dirty\\s+(orc|elf)s?\\b', category: 'HATE', action: 'FLAG', appliesTo: 'PLAYER_MESSAGE' } }, admin.token);
    expect(flag.errors).toBeUndefined();
    expect((await h.post(`{ moderationRules { name } }`, {}, mod.token)).data.moderationRules.map((r: any) => r.name)).toEqual(['gold sellers', 'slur-ish']);
    // the classifier sees nothing wrong in these texts
    h.router!.score = () => ({});

    const author = await h.user();
    const campaignId = Bun.randomUUIDv7();
    const spam = await playerMessage(h, campaignId, author.id, 'Cheap GOLD at my shop!!');
    const item = await recorded(h, spam.id);
    expect(item.hidden_at).not.toBeNull();
    expect(await caseOf(spam.id)).toMatchObject({ tier: 1, flag_count: 1, categories: ['spam'], user_id: author.id, status: 'OPEN' });
    expect(await flagsOf(spam.id)).toEqual([{ source: 'RULE', category: 'spam', score: null, hid: true, rule_id: hide.data.createModerationRule.id }]);
    const hidden = await eventually(async () => (await h.events('moderation.content_hidden')).find((e) => e.data.contentId === spam.id));
    expect(hidden.data).toMatchObject({ campaignId, seq: Number(item.seq), kind: 'player_message', authorId: author.id, categories: ['spam'], source: 'rule' });

    const rude = await playerMessage(h, campaignId, author.id, 'Move, you dirty orcs.');
    expect((await recorded(h, rude.id)).hidden_at).toBeNull();
    expect(await caseOf(rude.id)).toMatchObject({ tier: 0, categories: ['hate'] });
    // PLAYER_MESSAGE rules do not run over narration
    const story = await narration(h, campaignId, 'The dirty orcs charge the gate.');
    await eventually(async () => (await h.sql(`select check_status from moderation.content_item where id = ?`, [story.id]))[0]?.check_status === 'DONE');
    expect(await caseOf(story.id)).toBeUndefined();

    const off = await h.post(`mutation ($id: ID!) { updateModerationRule(id: $id, input: { enabled: false }) { enabled } }`, { id: flag.data.createModerationRule.id }, admin.token);
    expect(off.data.updateModerationRule.enabled).toBe(false);
    const again = await playerMessage(h, campaignId, author.id, 'dirty elves everywhere');
    await recorded(h, again.id);
    expect(await caseOf(again.id)).toBeUndefined();
    expect((await h.post(`mutation ($id: ID!) { deleteModerationRule(id: $id) }`, { id: flag.data.createModerationRule.id }, admin.token)).data.deleteModerationRule).toBe(flag.data.createModerationRule.id);
    const audit = await h.sql(`select action, actor from moderation.moderation_audit_log where target_id = ? order by id`, [flag.data.createModerationRule.id]);
    expect(audit).toEqual([
      { action: 'rule.created', actor: admin.id },
      { action: 'rule.updated', actor: admin.id },
      { action: 'rule.deleted', actor: admin.id },
    ]);
  });
});

describe('the LLM classifier', () => {
  test('calls llm-router as purpose moderation, attributed; scores over the flag threshold open a case, over the hide threshold hide too', async () => {
    const author = await h.user();
    const owner = await h.user();
    const campaignId = Bun.randomUUIDv7();
    await h.game(campaignId, 'lifecycle', 'game.campaign_opened', { campaignId, seed: 's', title: 'T', ownerId: owner.id });
    h.router!.score = (text) => (text.includes('threat') ? { violence: 0.97, harassment: 0.7 } : text.includes('mild') ? { harassment: 0.65 } : text.includes('kid') ? { 'sexual/minors': 0.3 } : {});

    const fine = await playerMessage(h, campaignId, author.id, 'I open the chest.');
    const mild = await playerMessage(h, campaignId, author.id, 'mild insult, you slowpoke');
    const threat = await playerMessage(h, campaignId, author.id, 'a real threat against you');
    const done = async (id: string) => eventually(async () => (await h.sql(`select check_status, hidden_at, scores from moderation.content_item where id = ?`, [id]))[0]?.check_status === 'DONE' && (await recorded(h, id)));
    await Promise.all([done(fine.id), done(mild.id), done(threat.id)]);

    const call = h.router!.requests.find((r) => r.body.messages.some((m) => m.content.includes('I open the chest.')))!;
    expect(call.headers).toMatchObject({ authorization: `Bearer ${ROUTER_TOKEN}`, 'x-startales-purpose': 'moderation', 'x-startales-user': author.id, 'x-startales-campaign': campaignId });
    expect(call.body).toMatchObject({ model: 'ECONOMY', temperature: 0, response_format: { type: 'json_object' } });

    expect(await caseOf(fine.id)).toBeUndefined();
    // harassment 0.65 ≥ 0.6 flags; < 0.85 does not hide
    expect((await recorded(h, mild.id)).hidden_at).toBeNull();
    expect(await caseOf(mild.id)).toMatchObject({ tier: 0, categories: ['harassment'] });
    expect((await recorded(h, threat.id)).hidden_at).not.toBeNull();
    expect(await caseOf(threat.id)).toMatchObject({ tier: 1, categories: ['harassment', 'violence'] });
    expect(await flagsOf(threat.id)).toEqual([
      { source: 'CLASSIFIER', category: 'harassment', score: 0.7, hid: false, rule_id: null },
      { source: 'CLASSIFIER', category: 'violence', score: 0.97, hid: true, rule_id: null },
    ]);
    const hidden = await eventually(async () => (await h.events('moderation.content_hidden')).find((e) => e.data.contentId === threat.id));
    expect(hidden.data).toMatchObject({ source: 'classifier', categories: ['violence'] });

    // AI output is attributed to the campaign's owner; child-safety findings go straight to T3
    const out = await narration(h, campaignId, 'the kid in the tavern...');
    await done(out.id);
    expect(h.router!.requests.at(-1)!.headers['x-startales-user']).toBe(owner.id);
    expect(await caseOf(out.id)).toMatchObject({ tier: 3, categories: ['sexual/minors'], user_id: null });
  });

  test('admins move thresholds; a router that fails is retried with backoff until it answers', async () => {
    const set = await h.post(`mutation { setClassifierThreshold(input: { category: HARASSMENT, flagAt: 0.3, hideAt: 0.5 }) { category flagAt hideAt isDefault } }`, {}, admin.token);
    expect(set.data.setClassifierThreshold).toEqual({ category: 'HARASSMENT', flagAt: 0.3, hideAt: 0.5, isDefault: false });
    const list = (await h.post(`{ classifierThresholds { category flagAt isDefault } }`, {}, mod.token)).data.classifierThresholds;
    expect(list).toHaveLength(8);
    expect(list.find((t: any) => t.category === 'SEXUAL_MINORS')).toEqual({ category: 'SEXUAL_MINORS', flagAt: 0.2, isDefault: true });

    h.router!.score = () => ({ harassment: 0.5 });
    h.router!.fail.chat = 'down';
    const author = await h.user();
    const msg = await playerMessage(h, Bun.randomUUIDv7(), author.id, 'you are bad at this game');
    await eventually(async () => (await h.sql(`select check_attempts from moderation.content_item where id = ?`, [msg.id]))[0]?.check_attempts >= 1);
    expect((await recorded(h, msg.id)).check_status).toBe('PENDING');
    h.router!.fail.chat = undefined;
    // the retry is due after its backoff: move the clock past it
    h.clock.now += 60_000;
    h.worker!.kick();
    await eventually(async () => (await recorded(h, msg.id)).check_status === 'DONE');
    h.clock.now = Date.now();
    // 0.5 is at the new hide threshold
    expect((await recorded(h, msg.id)).hidden_at).not.toBeNull();
    const audit = await h.sql(`select before, after from moderation.moderation_audit_log where action = 'threshold.set' and target_id = 'harassment'`);
    expect(audit).toEqual([{ before: { flagAt: 0.6, hideAt: 0.85 }, after: { flagAt: 0.3, hideAt: 0.5 } }]);
  });
});
