import { createOpenAICompatibleProvider } from '../openai/index.ts';
import type { Provider } from '../types.ts';

/**
 * Ollama through its OpenAI-compatible endpoint (`<OLLAMA_BASE_URL>/v1`), which reports usage in streams when
 * asked with `stream_options.include_usage`. No key: it is available when a base URL is configured.
 */
export function createOllamaProvider(options: { baseURL: string | undefined }): Provider {
  const base = (options.baseURL ?? 'http://127.0.0.1:11434').replace(/\/+$/, '');
  return createOpenAICompatibleProvider({
    id: 'ollama',
    baseURL: base.endsWith('/v1') ? base : `${base}/v1`,
    apiKey: 'ollama',
    available: !!options.baseURL,
    legacyMaxTokens: true,
  });
}
