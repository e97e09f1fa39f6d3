import { expect, test } from 'bun:test';
import { composeSupergraph } from '../src/composition.ts';
import { SUPERGRAPH_PATH } from '../src/subgraphs.ts';

test('the five subgraphs compose without errors', async () => {
  const { supergraphSdl } = await composeSupergraph();
  for (const graph of ['USERS', 'BILLING', 'CAMPAIGNS', 'ANALYTICS', 'MODERATION']) {
    expect(supergraphSdl).toContain(`${graph} @join__graph(`);
  }
});

test('the committed supergraph.graphql is fresh (run `bun run --cwd supergraph compose` after changing a subgraph SDL)', async () => {
  const { supergraphSdl } = await composeSupergraph();
  const committed = await Bun.file(SUPERGRAPH_PATH).text();
  expect(committed).toBe(supergraphSdl);
});
