import { ErrorCode } from '@startales/contracts';
import { NotFoundError, type EntityManager } from '@startales/kit';
import { PartyView } from '../../entities/projections.entity.ts';
import { CampaignRuleError } from '../common/errors.ts';

/**
 * The members of a party as the users service last announced them (projection `party_view`); the caller must be
 * its leader. NOT_FOUND for a party campaigns has not heard of (or one that was disbanded).
 */
export async function partyLedBy(em: EntityManager, partyId: string, userId: string): Promise<{ partyId: string; memberIds: string[] }> {
  const party = await em.findOne(PartyView, { partyId });
  if (!party || party.disbanded || party.memberIds.length === 0) throw new NotFoundError('No such party');
  if (party.leaderId !== userId) throw new CampaignRuleError(ErrorCode.NOT_PARTY_LEADER, 'Only the party leader can register the party');
  return { partyId, memberIds: [...party.memberIds].sort() };
}
