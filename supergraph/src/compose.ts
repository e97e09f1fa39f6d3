/** `bun run --cwd supergraph compose`: writes supergraph/supergraph.graphql (committed; CI checks it is fresh). */
import { composeSupergraph, CompositionError } from './composition.ts';
import { SUPERGRAPH_PATH } from './subgraphs.ts';

try {
  const { supergraphSdl, hints } = await composeSupergraph();
  for (const hint of hints) console.warn(`hint: ${hint}`);
  await Bun.write(SUPERGRAPH_PATH, supergraphSdl);
  console.log(`wrote ${SUPERGRAPH_PATH}`);
} catch (error) {
  console.error(error instanceof CompositionError ? error.message : error);
  process.exit(1);
}
