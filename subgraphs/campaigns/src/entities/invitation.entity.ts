import { defineEntity, p } from '@mikro-orm/core';

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The owner invites a player: accepting registers them even in an invitation-only campaign. */
export const CampaignInvitationSchema = defineEntity({
  name: 'CampaignInvitation',
  tableName: 'campaign_invitation',
  uniques: [{ properties: ['campaignId', 'inviteeId'] }],
  properties: {
    id: p.uuid().primary(),
    campaignId: p.uuid(),
    inviterId: p.uuid(),
    inviteeId: p.uuid().index(),
    status: p.enum([...INVITATION_STATUSES]).default('PENDING'),
    createdAt: p.datetime().onCreate(() => new Date()),
    respondedAt: p.datetime().nullable(),
  },
});

export class CampaignInvitation extends CampaignInvitationSchema.class {}
CampaignInvitationSchema.setClass(CampaignInvitation);
