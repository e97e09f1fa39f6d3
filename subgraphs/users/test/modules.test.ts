import { expect, test } from 'bun:test';
import { Glob } from 'bun';
import { join } from 'node:path';
import { modules } from '../src/modules/index.ts';

test('every modules/*/schema.graphql (what composition reads) is registered with its module', async () => {
  const dir = join(import.meta.dir, '../src');
  const files = [...new Glob('modules/*/schema.graphql').scanSync({ cwd: dir })].sort();
  const registered = new Set(modules.map((m) => m.typeDefs));
  for (const f of files) expect(registered.has(await Bun.file(join(dir, f)).text())).toBe(true);
  expect(modules.filter((m) => m.typeDefs).length).toBe(files.length);
});
