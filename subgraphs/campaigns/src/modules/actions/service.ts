import { createHash } from 'node:crypto';
import { ErrorCode, GameEvent, GameSubjectKind, type ActionSubmittedData } from '@startales/contracts';
import { ForbiddenError, InputError, isUniqueViolation, type EntityManager, type Principal } from '@startales/kit';
import { Campaign } from '../../entities/campaign.entity.ts';
import { Registration } from '../../entities/registration.entity.ts';
import { SubmittedAction } from '../../entities/submitted-action.entity.ts';
import { CampaignRuleError, campaignNotFound, parseId } from '../common/errors.ts';
import { enqueueGameEvent } from '../common/events.ts';
import { PlayerRestrictedError, restrictionInForce } from '../sanctions/restrictions.ts';

export interface ActionInput {
  /** Client-chosen UUID: a retried submit with the same id is the same action. */
  actionId: string;
  text: string;
}

export interface ActionReceipt {
  campaignId: string;
  actionId: string;
  eventId: string;
  submittedAt: Date;
  /** True when this actionId had already been submitted (nothing new was published). */
  duplicate: boolean;
}

export const MAX_ACTION_LENGTH = 2000;

// C0/C1 controls except tab and newline
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

export function validateAction(input: ActionInput): { actionId: string; text: string } {
  const actionId = parseId(input?.actionId, 'action.actionId');
  const text = typeof input?.text === 'string' ? input.text.trim() : '';
  if (text.length === 0) throw new InputError('action.text must not be empty', 'action.text');
  if (text.length > MAX_ACTION_LENGTH) throw new InputError(`action.text must be at most ${MAX_ACTION_LENGTH} characters`, 'action.text');
  if (CONTROL.test(text)) throw new InputError('action.text must not contain control characters', 'action.text');
  return { actionId, text };
}

/**
 * `submitAction`: a paid player of a RUNNING campaign sends an action to the game master. It is published once
 * per (campaign, player, actionId) on `game.<id>.commands` through the outbox; a retry answers the same receipt.
 * A muted player is refused with PLAYER_MUTED (`extensions.until`), a kicked one with PLAYER_KICKED.
 */
export function createActionService(options: { clock: () => Date; afterCommit: () => void }) {
  return {
    async submit(em: EntityManager, principal: Principal, rawCampaignId: unknown, input: ActionInput): Promise<ActionReceipt> {
      const campaignId = parseId(rawCampaignId, 'campaignId');
      const { actionId, text } = validateAction(input);
      const textHash = createHash('sha256').update(text).digest('hex');
      const userId = principal.userId;
      const previous = async () => {
        const row = await em.fork().findOne(SubmittedAction, { campaignId, userId, actionId });
        if (!row) return null;
        if (row.textHash !== textHash) throw new CampaignRuleError(ErrorCode.CONFLICT, 'This actionId was already used for another action', { field: 'action.actionId' });
        return { campaignId, actionId, eventId: row.eventId, submittedAt: row.submittedAt, duplicate: true };
      };
      const seen = await previous();
      if (seen) return seen;
      const campaign = await em.findOne(Campaign, { id: campaignId });
      if (!campaign) throw campaignNotFound();
      const seat = await em.findOne(Registration, { campaignId, userId, status: 'PAID' });
      // moderation: a kicked player hears why they are out; a muted player of the campaign, until when
      const restriction = await restrictionInForce(em, userId, campaignId, options.clock());
      if (restriction && (seat || restriction.type === 'KICKED')) throw new PlayerRestrictedError(restriction);
      if (!seat) throw new ForbiddenError('Only players of this campaign can act in it');
      if (campaign.status !== 'RUNNING') throw new CampaignRuleError(ErrorCode.CAMPAIGN_NOT_RUNNING, 'Actions are accepted only while the campaign is running', { status: campaign.status });
      const submittedAt = options.clock();
      try {
        const receipt = await em.transactional(async (tx) => {
          const envelope = enqueueGameEvent<ActionSubmittedData>(tx, campaignId, GameSubjectKind.COMMANDS, GameEvent.ACTION_SUBMITTED, { campaignId, userId, actionId, text }, userId);
          await tx.insert(SubmittedAction, { campaignId, userId, actionId, eventId: envelope.id, textHash, submittedAt });
          return { campaignId, actionId, eventId: envelope.id, submittedAt, duplicate: false };
        });
        options.afterCommit();
        return receipt;
      } catch (error) {
        // a concurrent submit of the same actionId won the insert: answer its receipt
        if (isUniqueViolation(error)) {
          const again = await previous();
          if (again) return again;
        }
        throw error;
      }
    },
  };
}
export type ActionService = ReturnType<typeof createActionService>;
