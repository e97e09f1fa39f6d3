import { join } from 'node:path';
import { Glob } from 'bun';
import { ServicePort, SUBGRAPHS, type SubgraphName } from '@startales/contracts';

const root = join(import.meta.dir, '..', '..');

/**
 * Where each subgraph's SDL lives — `src/schema.graphql` plus one `schema.graphql` per feature module under
 * `src/modules/` — and the URL the committed supergraph routes to (overridable at run time).
 */
export const subgraphSources: ReadonlyArray<{ name: SubgraphName; sdlPaths: string[]; url: string }> = SUBGRAPHS.map((name) => {
  const dir = join(root, 'subgraphs', name, 'src');
  const modules = [...new Glob('modules/*/schema.graphql').scanSync({ cwd: dir })].sort().map((p) => join(dir, p));
  return { name, sdlPaths: [join(dir, 'schema.graphql'), ...modules], url: `http://127.0.0.1:${ServicePort[name]}/graphql` };
});

export const SUPERGRAPH_PATH = join(import.meta.dir, '..', 'supergraph.graphql');
