import { createOpenAICompatibleProvider } from '../openai/index.ts';
import type { Provider } from '../types.ts';

/**
 * xAI Grok through its OpenAI-compatible endpoint (`XAI_API_KEY`, `XAI_BASE_URL`). Its reasoning models count
 * reasoning tokens outside `completion_tokens`; `openaiUsage` reads that from the totals.
 */
export function createXaiProvider(options: { apiKey?: string; baseURL: string }): Provider {
  return createOpenAICompatibleProvider({ id: 'xai', baseURL: options.baseURL, apiKey: options.apiKey, available: !!options.apiKey, images: true });
}
