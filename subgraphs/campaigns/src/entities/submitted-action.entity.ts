import { defineEntity, p } from '@mikro-orm/core';

/**
 * One row per (campaign, player, client-chosen actionId): the primary key makes `submitAction` idempotent, so a
 * retried submit publishes nothing new. The text is not kept here (the GAME stream holds it).
 */
export const SubmittedActionSchema = defineEntity({
  name: 'SubmittedAction',
  tableName: 'submitted_action',
  properties: {
    campaignId: p.uuid().primary(),
    userId: p.uuid().primary().index(),
    actionId: p.uuid().primary(),
    /** The envelope id of the ACTION_SUBMITTED event. */
    eventId: p.uuid(),
    /** SHA-256 of the text: a reused actionId with other text is a conflict. */
    textHash: p.string().length(64),
    submittedAt: p.datetime(),
  },
});

export class SubmittedAction extends SubmittedActionSchema.class {}
SubmittedActionSchema.setClass(SubmittedAction);
