import { CAMPAIGN_LENGTHS_WEEKS, Consumer, LLM_TIERS, MAX_PLAYERS, MIN_PLAYERS, Stream, type CampaignCreatedData, type LlmTier } from '@startales/contracts';
import { startIdempotentConsumer, type Bus, type Logger, type Orm, type RunningConsumer } from '@startales/kit';
import { CampaignFacts } from '../modules/campaigns/entities/campaign-facts.entity.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Durable consumer of `domain.campaigns.>`: keeps the facts billing prices seats and LLM allowances from. Any
 * campaigns event carrying a campaign's configuration updates them (`campaigns.created` today).
 */
export function startCampaignsConsumer(deps: { bus: Bus; orm: Orm; logger: Logger }): Promise<RunningConsumer> {
  return startIdempotentConsumer({
    bus: deps.bus,
    orm: deps.orm,
    logger: deps.logger,
    stream: Stream.DOMAIN,
    durable: Consumer.BILLING_CAMPAIGNS,
    filterSubject: 'domain.campaigns.>',
    handle: async (em, event) => {
      const d = event.data as Partial<CampaignCreatedData>;
      const tier = String(d.llmTier ?? '').toUpperCase() as LlmTier;
      if (
        typeof d.campaignId !== 'string' ||
        !UUID.test(d.campaignId) ||
        typeof d.ownerId !== 'string' ||
        !UUID.test(d.ownerId) ||
        !LLM_TIERS.includes(tier) ||
        !(CAMPAIGN_LENGTHS_WEEKS as readonly number[]).includes(d.lengthWeeks as number) ||
        !Number.isInteger(d.maxPlayers) ||
        (d.maxPlayers as number) < MIN_PLAYERS ||
        (d.maxPlayers as number) > MAX_PLAYERS
      ) {
        return;
      }
      const hours = Number.isInteger(d.playHoursPerWeek) && (d.playHoursPerWeek as number) > 0 ? (d.playHoursPerWeek as number) : null;
      const campaignId = d.campaignId.toLowerCase();
      const existing = await em.findOne(CampaignFacts, { campaignId });
      const values = {
        ownerId: d.ownerId.toLowerCase(),
        llmTier: tier,
        lengthWeeks: d.lengthWeeks as number,
        maxPlayers: d.maxPlayers as number,
        playHoursPerWeek: hours ?? existing?.playHoursPerWeek ?? null,
        updatedAt: new Date(event.occurredAt),
      };
      // events can arrive out of order: an older one never overwrites newer facts
      if (existing && existing.updatedAt > values.updatedAt) return;
      if (existing) em.assign(existing, values);
      else em.create(CampaignFacts, { campaignId, ...values });
      await em.flush();
    },
  });
}
