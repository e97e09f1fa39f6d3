import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSources } from './subgraphs.ts';

export class CompositionError extends Error {
  override readonly name = 'CompositionError';
  constructor(readonly errors: readonly string[]) {
    super(`Supergraph composition failed:\n  - ${errors.join('\n  - ')}`);
  }
}

/** Composes the five subgraph SDLs into the supergraph SDL; throws CompositionError listing every problem. */
export async function composeSupergraph(): Promise<{ supergraphSdl: string; hints: string[] }> {
  const services = await Promise.all(
    subgraphSources.map(async (s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse((await Promise.all(s.sdlPaths.map((p) => Bun.file(p).text()))).join('\n')),
    })),
  );
  const result = composeServices(services);
  if (result.errors) throw new CompositionError(result.errors.map((e) => e.message));
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}
