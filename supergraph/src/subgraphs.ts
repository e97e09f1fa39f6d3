import { join } from 'node:path';
import { ServicePort, SUBGRAPHS, type SubgraphName } from '@startales/contracts';

const root = join(import.meta.dir, '..', '..');

/** Where each subgraph's SDL lives and the URL the committed supergraph routes to (overridable at run time). */
export const subgraphSources: ReadonlyArray<{ name: SubgraphName; sdlPath: string; url: string }> = SUBGRAPHS.map((name) => ({
  name,
  sdlPath: join(root, 'subgraphs', name, 'src', 'schema.graphql'),
  url: `http://127.0.0.1:${ServicePort[name]}/graphql`,
}));

export const SUPERGRAPH_PATH = join(import.meta.dir, '..', 'supergraph.graphql');
