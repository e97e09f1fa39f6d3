import { defineEntity, p } from '@mikro-orm/core';

export const PLAYER_SANCTION_TYPES = ['MUTE', 'KICK'] as const;
export type PlayerSanctionType = (typeof PLAYER_SANCTION_TYPES)[number];

/**
 * campaigns' projection of moderation's mutes and kicks (`domain.moderation.action` / `action_revoked`), keyed by
 * the moderation action id. A MUTE is in force in `campaignId` (every campaign when null) while
 * `startsAt <= now < expiresAt` (null: no end); a KICK keeps the player out of `campaignId` for good. Neither applies
 * once `revokedAt` is set.
 */
export const PlayerSanctionSchema = defineEntity({
  name: 'PlayerSanction',
  tableName: 'player_sanction',
  indexes: [{ properties: ['userId', 'campaignId'] }],
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid(),
    /** Null: a platform-wide mute. */
    campaignId: p.uuid().nullable(),
    type: p.enum([...PLAYER_SANCTION_TYPES]),
    policy: p.string().length(40),
    /** The statement of reasons moderation showed the player (told again when an action is refused). */
    reason: p.text(),
    startsAt: p.datetime(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    receivedAt: p.datetime(),
  },
});

export class PlayerSanction extends PlayerSanctionSchema.class {}
PlayerSanctionSchema.setClass(PlayerSanction);
