import { toExportJson, type GdprHandlers } from '@startales/kit';
import { Report } from './entities/report.entity.ts';
import { CampaignRef, ContentItem } from './entities/content-item.entity.ts';
import { CaseNote, ModerationCase } from './entities/case.entity.ts';
import { Appeal, ModerationAction } from './entities/action.entity.ts';

/**
 * Moderation keeps safety records (reports, cases, actions, the audit log of ids and statuses) after an erasure, but
 * not the person in them: report details and the erased user's messages (also inside other reports' evidence
 * snapshots) lose their text; statements, appeals, notes and resolutions on cases about them are blanked. The
 * audit log holds no free text, so it needs no change (it cannot be changed).
 */
export const moderationGdpr: GdprHandlers = {
  async exportUser(em, userId) {
    // evidence snapshots hold other players' messages: they stay out of the archive
    const filed = (await em.find(Report, { reporterId: userId }, { orderBy: { createdAt: 'asc' } })).map(({ evidence: _e, ...rest }) => rest);
    // reports about the user are exported without the reporter (protecting other players)
    const about = (await em.find(Report, { userId }, { orderBy: { createdAt: 'asc' } })).map(({ reporterId: _r, evidence: _e, ...rest }) => rest);
    const messages = await em.find(ContentItem, { authorId: userId }, { orderBy: { occurredAt: 'asc' } });
    const actions = await em.find(ModerationAction, { userId }, { orderBy: { createdAt: 'asc' } });
    const appeals = await em.find(Appeal, { userId }, { orderBy: { createdAt: 'asc' } });
    return {
      reportsFiled: toExportJson(filed),
      reportsAboutYou: toExportJson(about),
      messages: toExportJson(messages.map((m) => ({ id: m.id, campaignId: m.campaignId, seq: m.seq, kind: m.kind, text: m.text, occurredAt: m.occurredAt, hiddenAt: m.hiddenAt, scores: m.scores }))),
      // who decided is not part of the player's record
      moderationActions: toExportJson(actions.map(({ moderatorId: _m, ...rest }) => rest)),
      appeals: toExportJson(appeals.map(({ deciderId: _d, ...rest }) => rest)),
    };
  },
  async eraseUser(em, userId) {
    await em.nativeUpdate(Report, { reporterId: userId }, { details: '', evidence: null });
    await em.nativeUpdate(Report, { userId }, { details: '', evidence: null });
    // the user's messages quoted as context in other players' reports
    await em.execute(
      `update "moderation"."report" set evidence = jsonb_set(evidence, '{items}', (
         select coalesce(jsonb_agg(case when i->>'authorId' = ? then jsonb_set(i, '{text}', '""') else i end), '[]'::jsonb)
         from jsonb_array_elements(evidence->'items') i))
       where evidence is not null and evidence->'items' @> jsonb_build_array(jsonb_build_object('authorId', ?::text))`,
      [userId, userId],
    );
    await em.nativeUpdate(ContentItem, { authorId: userId }, { text: '' });
    await em.nativeUpdate(CampaignRef, { ownerId: userId }, { ownerId: null });
    await em.nativeUpdate(ModerationAction, { userId }, { statement: '' });
    await em.nativeUpdate(Appeal, { userId }, { statement: '', decisionNote: null });
    const cases = (await em.find(ModerationCase, { userId }, { fields: ['id'] })).map((c) => c.id);
    if (cases.length) {
      await em.nativeUpdate(CaseNote, { caseId: { $in: cases } }, { body: '' });
      await em.nativeUpdate(ModerationCase, { id: { $in: cases } }, { resolution: null });
    }
  },
};
