import { readConfig, env, commonConfig, authConfig } from '@startales/kit';
import { ServicePort, SUBGRAPHS } from '@startales/contracts';
import { SUPERGRAPH_PATH } from './subgraphs.ts';

/** Parsed once in main.ts. `SUBGRAPH_<NAME>_URL` overrides where a subgraph is reached (e.g. in Kubernetes). */
export function loadConfig(source: Record<string, string | undefined> = Bun.env) {
  const config = readConfig(
    {
      ...commonConfig,
      ...authConfig,
      PORT: env.port(ServicePort.gateway),
      SUPERGRAPH_PATH: env.string(SUPERGRAPH_PATH),
      SUBGRAPH_TIMEOUT_MS: env.int(10_000, { min: 100 }),
      MAX_REQUEST_BYTES: env.int(1_000_000, { min: 1024 }),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, env.optionalString()])),
    },
    source,
  );
  const subgraphUrls: Record<string, string> = {};
  for (const s of SUBGRAPHS) {
    const url = (config as Record<string, unknown>)[`SUBGRAPH_${s.toUpperCase()}_URL`];
    if (typeof url === 'string') subgraphUrls[s] = url;
  }
  return { ...config, subgraphUrls };
}
export type GatewayConfig = ReturnType<typeof loadConfig>;
