import type { ProviderSet } from './types.ts';
import { createOpenAIProvider } from './openai/index.ts';
import { createAnthropicProvider } from './anthropic/index.ts';
import { createGoogleProvider } from './google/index.ts';
import { createXaiProvider } from './xai/index.ts';
import { createOllamaProvider } from './ollama/index.ts';

/** Where each provider is and its key; a missing key leaves the provider unavailable. */
export interface ProviderOptions {
  openai: { apiKey?: string; baseURL: string };
  anthropic: { apiKey?: string; baseURL: string };
  google: { apiKey?: string; baseURL: string };
  xai: { apiKey?: string; baseURL: string };
  ollama: { baseURL?: string };
}

/** Builds every provider's SDK client once (at startup, never per request). */
export function createProviders(options: ProviderOptions): ProviderSet {
  return {
    openai: createOpenAIProvider(options.openai),
    anthropic: createAnthropicProvider(options.anthropic),
    google: createGoogleProvider(options.google),
    xai: createXaiProvider(options.xai),
    ollama: createOllamaProvider({ baseURL: options.ollama.baseURL }),
  };
}

export type { Provider, ProviderSet } from './types.ts';
