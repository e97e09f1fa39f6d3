import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { loadConfig } from './config.ts';
import { campaignSettings, createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { retentionRules } from './retention.ts';
import { createCampaignsGdpr } from './gdpr.ts';
import { startCampaignWorkers } from './workers.ts';
import { createProseClient, startProseWriter } from './modules/prose/writer.ts';

const config = loadConfig();
const settings = { holdMs: config.CAMPAIGN_SEAT_HOLD_HOURS * 3_600_000, maxOffsetMinutes: config.MATCHMAKING_MAX_OFFSET_MINUTES };

await bootSubgraph({
  name: 'campaigns',
  config,
  entities,
  migrations,
  retention: retentionRules,
  extra: async (base) => {
    const full = campaignSettings({ ...base, settings });
    const gdpr = await startGdprConsumer({ service: 'campaigns', ...base, handlers: createCampaignsGdpr(full) });
    const workers = await startCampaignWorkers({ ...base, settings: full, sweepIntervalMs: config.HOLD_SWEEP_INTERVAL_MS });
    const prose = startProseWriter({
      orm: base.orm,
      logger: base.logger,
      client: createProseClient({ url: config.LLM_ROUTER_URL, serviceToken: config.LLM_ROUTER_SERVICE_TOKEN }),
      intervalMs: config.PROSE_INTERVAL_MS,
    });
    return { gdpr, workers, prose, settings };
  },
  createApp,
  beforeClose: (deps) => [
    { name: 'prose writer', run: () => deps.prose.stop() },
    { name: 'workers', run: () => deps.workers.stop() },
    { name: 'gdpr consumer', run: () => deps.gdpr.stop() },
  ],
});
