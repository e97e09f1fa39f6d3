/**
 * The benchmark's fixed subgraphs (the gateway tests' fixture: accounts, catalog, billing) on fixed loopback ports.
 * Writes `.out/supergraph.graphql` and `.out/expected.json` (the exact answer to the nested query), then serves
 * until killed. Run with Bun: `bun subgraphs.ts <basePort>`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NESTED_QUERY, expectedNested, startFixtureSubgraphs } from '../../supergraph/test/fixtures/subgraphs.ts';

const base = Number(Bun.argv[2] ?? 4801);
const fixture = startFixtureSubgraphs({ ports: { accounts: base, catalog: base + 1, billing: base + 2 } });
const out = join(import.meta.dir, '.out');
mkdirSync(out, { recursive: true });
await Bun.write(join(out, 'supergraph.graphql'), fixture.supergraphSdl);
await Bun.write(join(out, 'expected.json'), JSON.stringify({ query: NESTED_QUERY, expected: expectedNested() }));
console.log(`subgraphs ready ${JSON.stringify(fixture.urls)}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (fixture.close(), process.exit(0)));
