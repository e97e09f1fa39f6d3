import { expect, test } from 'bun:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, env, readConfig } from '../src/config.ts';

const spec = {
  PORT: env.port(4001),
  DATABASE_URL: env.url('postgres://postgres@127.0.0.1:5432/x'),
  SECRET: env.string(),
  DEBUG: env.bool(false),
  MODE: env.oneOf(['a', 'b'] as const, 'a'),
};

test('defaults make zero configuration work', () => {
  expect(readConfig(spec, { SECRET: 's' })).toEqual({ PORT: 4001, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', SECRET: 's', DEBUG: false, MODE: 'a' });
});

test('fails fast listing every bad key at once', () => {
  try {
    readConfig(spec, { PORT: '99999', DATABASE_URL: 'not a url', DEBUG: 'maybe', MODE: 'c' });
    throw new Error('accepted bad config');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DATABASE_URL', 'SECRET', 'DEBUG', 'MODE']) expect(problems).toContain(key);
    expect((error as ConfigError).problems).toHaveLength(5);
  }
});

test('NAME_FILE reads a mounted secret when NAME is unset; NAME wins when both are set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, 'secret');
  writeFileSync(file, 'from-file\n');
  expect(readConfig(spec, { SECRET_FILE: file }).SECRET).toBe('from-file');
  expect(readConfig(spec, { SECRET: 'direct', SECRET_FILE: file }).SECRET).toBe('direct');
  expect(() => readConfig(spec, { SECRET_FILE: join(dir, 'missing') })).toThrow(/SECRET_FILE/);
});
