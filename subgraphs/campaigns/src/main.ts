import { bootSubgraph, startGdprConsumer } from '@startales/kit';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { campaignsGdpr } from './gdpr.ts';

await bootSubgraph({
  name: 'campaigns',
  config: loadConfig(),
  entities,
  migrations,
  extra: async (base) => ({ gdpr: await startGdprConsumer({ service: 'campaigns', ...base, handlers: campaignsGdpr }) }),
  createApp,
  beforeClose: (deps) => [{ name: 'gdpr consumer', run: () => deps.gdpr.stop() }],
});
