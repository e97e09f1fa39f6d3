import { LLM_PROVIDERS, LLM_TIERS } from '@startales/contracts';
import type { Registry } from '../modules/routing/registry.ts';
import type { ProviderSet } from '../providers/types.ts';

/**
 * `GET /v1/models` and `GET /v1/models/{id}`: every priced model (OpenAI's list shape) with its pricing and whether its provider is
 * configured, the tier aliases, and each provider's availability. Built once: the table does not change at run time.
 */
export function createModelsBodies(registry: Registry, providers: ProviderSet): { list: string; byId: ReadonlyMap<string, string> } {
  const data = registry.list().map(({ model, available }) => ({
    id: model.id,
    object: 'model',
    created: 0,
    owned_by: model.provider,
    provider: model.provider,
    kind: model.kind,
    tier: model.tier,
    available,
    max_output_tokens: model.kind === 'chat' ? model.maxOutputTokens : undefined,
    pricing: {
      inputMicrosPerMillion: model.pricing.inputMicrosPerMillion,
      cachedInputMicrosPerMillion: model.pricing.cachedInputMicrosPerMillion,
      cacheWriteMicrosPerMillion: model.pricing.cacheWriteMicrosPerMillion,
      outputMicrosPerMillion: model.pricing.outputMicrosPerMillion,
      reasoningMicrosPerMillion: model.pricing.reasoningMicrosPerMillion,
      ...(model.kind === 'image' ? { imageMicros: model.pricing.imageMicros } : {}),
    },
  }));
  const aliases = Object.fromEntries(LLM_TIERS.map((tier) => [tier, registry.prices.tiers[tier].map((m) => m.id)]));
  const providerState = Object.fromEntries(LLM_PROVIDERS.map((p) => [p, { available: providers[p].available }]));
  return {
    list: JSON.stringify({ object: 'list', priceVersion: registry.prices.version, data, aliases, providers: providerState }),
    // `GET /v1/models/{id}` (the SDKs' models.retrieve); ids contain a slash
    byId: new Map(data.map((m) => [m.id, JSON.stringify(m)])),
  };
}
