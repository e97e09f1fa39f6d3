import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { connectBus, createLogger, createOrm, createTokenVerifier, startOutboxRelay, type SubgraphDeps } from '@startales/kit';
import { createTestDatabase } from './database.ts';
import { deleteNamespaceStreams } from './nats.ts';
import { createTestKeys, type TestKeys } from './tokens.ts';
import { TEST_NATS_URL, uniqueName } from './env.ts';

export interface InProcessSubgraph {
  deps: SubgraphDeps;
  keys: TestKeys;
  ns: string;
  cleanup(): Promise<void>;
}

/**
 * Real dependencies for an in-process subgraph test (`app.handle(new Request(...))`): its own database with
 * the service's committed migrations applied, a private NATS namespace, and a key pair the test signs with.
 */
export async function createInProcessDeps(options: {
  schema: string;
  entities: unknown[];
  migrations: Array<Constructor<Migration>>;
}): Promise<InProcessSubgraph> {
  const logger = createLogger({ service: `${options.schema}-test`, level: 'silent' });
  const db = await createTestDatabase();
  const ns = uniqueName('u');
  const keys = await createTestKeys();
  const orm = await createOrm({ url: db.url, schema: options.schema, entities: options.entities, migrations: options.migrations, logger, poolMax: 4 });
  const bus = await connectBus({ url: TEST_NATS_URL, ns, name: `${options.schema}-test`, logger });
  await bus.ensureStreams();
  const relay = startOutboxRelay({ orm, bus, logger, intervalMs: 100 });
  const verifier = createTokenVerifier({ jwks: keys.jwks, issuer: 'startales-users', audience: 'startales' });
  return {
    deps: { orm, bus, verifier, logger, production: false, outbox: relay },
    keys,
    ns,
    async cleanup() {
      await relay.stop();
      await bus.close();
      await orm.close();
      await db.drop();
      await deleteNamespaceStreams(ns);
    },
  };
}
