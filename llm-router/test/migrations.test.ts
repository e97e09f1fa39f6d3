import { expect, test } from 'bun:test';
import { schemaDrift } from '@startales/testing';
import { entities } from '../src/entities/index.ts';
import { migrations } from '../migrations/index.ts';

test('the committed migrations create exactly what the entities describe (run migration:create after an entity change)', async () => {
  expect(await schemaDrift({ schema: 'llm_router', entities, migrations })).toBe('');
});
