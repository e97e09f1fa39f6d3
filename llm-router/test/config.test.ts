import { expect, test } from 'bun:test';
import { ConfigError } from '@startales/kit';
import { ServicePort } from '@startales/contracts';
import { loadConfig } from '../src/config.ts';

test('zero configuration works locally: port 4010, development tokens, every provider optional', () => {
  const config = loadConfig({});
  expect(config.PORT).toBe(ServicePort.llmRouter);
  expect(config.usingDevTokens).toBe(true);
  expect(config.OPENAI_API_KEY).toBeUndefined();
  expect(config.OPENAI_BASE_URL).toBe('https://api.openai.com/v1');
  expect(config.ANTHROPIC_BASE_URL).toBe('https://api.anthropic.com');
  expect(config.OLLAMA_BASE_URL).toBeUndefined();
});

test('production needs real tokens; every bad key is reported at once', () => {
  let error: unknown;
  try {
    loadConfig({ NODE_ENV: 'production', PORT: 'x', OPENAI_BASE_URL: 'not a url', OLLAMA_BASE_URL: 'nope' });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems).toEqual([
    'PORT: must be an integer, got "x"',
    'OPENAI_BASE_URL: must be a URL, got "not a url"',
  ]);
  try {
    loadConfig({ NODE_ENV: 'production', OLLAMA_BASE_URL: 'nope', LLM_ROUTER_SERVICE_TOKEN: 'same', LLM_ROUTER_ADMIN_TOKEN: 'same' });
  } catch (e) {
    error = e;
  }
  expect((error as ConfigError).problems).toEqual(['OLLAMA_BASE_URL: must be a URL, got "nope"', 'LLM_ROUTER_ADMIN_TOKEN: must differ from LLM_ROUTER_SERVICE_TOKEN']);
  expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('LLM_ROUTER_SERVICE_TOKEN: is required in production');
  expect(loadConfig({ NODE_ENV: 'production', LLM_ROUTER_SERVICE_TOKEN: 's', LLM_ROUTER_ADMIN_TOKEN: 'a' }).usingDevTokens).toBe(false);
});
