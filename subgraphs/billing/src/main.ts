import { bootSubgraph } from '@startales/kit';
import { loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';

await bootSubgraph({ name: 'billing', config: loadConfig(), entities, migrations, createApp });
