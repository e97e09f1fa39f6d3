import { ServicePort, SUBGRAPHS, type ServiceName } from '@startales/contracts';

/** One process `scripts/start.ts` runs: `bun src/main.ts` in `dir`. */
export interface ServiceSpec {
  name: ServiceName;
  /** Folder relative to the repository root. */
  dir: string;
  /** Services start stage by stage; a stage's services start together once the previous stage is ready. */
  stage: number;
  /** Path of the URL printed for it. */
  path: string;
}

/** Everything the platform runs, in start order: users first (the others fetch its JWKS), then the gateway, the web app last. */
export const SERVICES: readonly ServiceSpec[] = [
  { name: 'users', dir: 'subgraphs/users', stage: 0, path: '/graphql' },
  { name: 'billing', dir: 'subgraphs/billing', stage: 1, path: '/graphql' },
  { name: 'campaigns', dir: 'subgraphs/campaigns', stage: 1, path: '/graphql' },
  { name: 'analytics', dir: 'subgraphs/analytics', stage: 1, path: '/graphql' },
  { name: 'moderation', dir: 'subgraphs/moderation', stage: 1, path: '/graphql' },
  { name: 'llmRouter', dir: 'llm-router', stage: 1, path: '/v1/models' },
  { name: 'gateway', dir: 'supergraph', stage: 2, path: '/graphql' },
  { name: 'gamehost', dir: 'gamehost', stage: 2, path: '/healthz/ready' },
  { name: 'web', dir: 'web', stage: 3, path: '/' },
];

export const LOCALHOST = '127.0.0.1';

/** The service's port after `STARTALES_PORT_OFFSET`. */
export function servicePort(name: ServiceName, offset: number): number {
  return ServicePort[name] + offset;
}

export function serviceUrl(spec: ServiceSpec, offset: number): string {
  return `http://${LOCALHOST}:${servicePort(spec.name, offset)}${spec.path}`;
}

export interface SharedEnv {
  databaseUrl: string;
  natsUrl: string;
  portOffset: number;
  signingKeyFile: string;
  /** Set in embedded-database mode, where every connection shares one PGlite. */
  poolMax?: number;
  /** Where users keeps its objects (character portraits) unless OBJECT_STORAGE_DIR / S3_BUCKET say otherwise. */
  objectStorageDir?: string;
}

/** The environment one service gets on top of the inherited one. */
export function serviceEnv(spec: ServiceSpec, shared: SharedEnv, inherited: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(servicePort(spec.name, shared.portOffset)),
    HOST: inherited.HOST || LOCALHOST,
    DATABASE_URL: shared.databaseUrl,
    NATS_URL: shared.natsUrl,
    NATS_NAMESPACE: inherited.NATS_NAMESPACE ?? '',
    JWKS_URL: `http://${LOCALHOST}:${servicePort('users', shared.portOffset)}/.well-known/jwks.json`,
    APOLLO_TELEMETRY_DISABLED: inherited.APOLLO_TELEMETRY_DISABLED ?? 'true',
    LLM_ROUTER_URL: inherited.LLM_ROUTER_URL || `http://${LOCALHOST}:${servicePort('llmRouter', shared.portOffset)}`,
  };
  // every connection to embedded PGlite shares one session: named prepared statements would collide
  if (spec.name === 'llmRouter' && shared.poolMax !== undefined) env.LLM_ROUTER_DB_PREPARED_STATEMENTS = 'false';
  if (shared.poolMax !== undefined && !inherited.DATABASE_POOL_MAX) env.DATABASE_POOL_MAX = String(shared.poolMax);
  if (spec.name === 'users') {
    env.JWT_PRIVATE_KEY_FILE = shared.signingKeyFile;
    if (shared.objectStorageDir && !inherited.OBJECT_STORAGE_DIR) env.OBJECT_STORAGE_DIR = shared.objectStorageDir;
  }
  if (spec.name === 'web') {
    env.GATEWAY_URL = `http://${LOCALHOST}:${servicePort('gateway', shared.portOffset)}/graphql`;
    env.GAMEHOST_URL = inherited.GAMEHOST_URL || `http://${LOCALHOST}:${servicePort('gamehost', shared.portOffset)}`;
  }
  if (spec.name === 'gateway') {
    for (const subgraph of SUBGRAPHS) {
      env[`SUBGRAPH_${subgraph.toUpperCase()}_URL`] = `http://${LOCALHOST}:${servicePort(subgraph, shared.portOffset)}/graphql`;
    }
  }
  return env;
}
