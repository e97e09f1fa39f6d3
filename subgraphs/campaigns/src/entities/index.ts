import { ProcessedEvent, OutboxEvent } from '@startales/kit';
import { Campaign } from './campaign.entity.ts';
import { Registration } from './registration.entity.ts';
import { CampaignInvitation } from './invitation.entity.ts';
import { MatchTicket } from './match-ticket.entity.ts';
import { SubmittedAction } from './submitted-action.entity.ts';
import { PartyView, BlockView, PlayerView } from './projections.entity.ts';
import { PlayerSanction } from './player-sanction.entity.ts';

export { Campaign, Registration, CampaignInvitation, MatchTicket, SubmittedAction, PartyView, BlockView, PlayerView, PlayerSanction };
export const entities = [Campaign, Registration, CampaignInvitation, MatchTicket, SubmittedAction, PartyView, BlockView, PlayerView, PlayerSanction, OutboxEvent, ProcessedEvent];
