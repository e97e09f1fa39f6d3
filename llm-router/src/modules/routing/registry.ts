import { LLM_TIERS, type LlmTier } from '@startales/contracts';
import { RouterError, RouterErrorCode } from '../../errors.ts';
import type { ModelInfo, ModelKind, PriceTable } from '../../pricing/price-table.ts';
import type { ProviderSet } from '../../providers/types.ts';

/** Where a request goes: the models to try in order (the asked-for one first, then its tier's fallbacks). */
export interface Route {
  requested: string;
  tier: LlmTier;
  candidates: ModelInfo[];
}

/**
 * Maps model ids (`openai/gpt-4o`) and tier aliases (`PREMIUM`, `STANDARD`, `ECONOMY`, any case) to the
 * models that may serve them. Built once at startup from the price table: a model without a price cannot be
 * routed to at all.
 */
export function createRegistry(prices: PriceTable, providers: ProviderSet) {
  const available = (m: ModelInfo) => providers[m.provider].available;
  const routes = new Map<string, Route>();

  for (const tier of LLM_TIERS) {
    routes.set(`chat:${tier}`, { requested: tier, tier, candidates: prices.tiers[tier].filter(available) });
  }
  for (const model of prices.models.values()) {
    const fallbacks =
      model.kind === 'chat'
        ? prices.tiers[model.tier]
        : [...prices.models.values()].filter((m) => m.kind === 'image' && m.tier === model.tier);
    const candidates = [model, ...fallbacks.filter((m) => m !== model)].filter(available);
    routes.set(`${model.kind}:${model.id}`, { requested: model.id, tier: model.tier, candidates });
  }

  return {
    prices,
    /** The route for a requested model, or 404 / 400 / 503 (nothing configured can serve it). */
    resolve(requested: string, kind: ModelKind): Route {
      const alias = kind === 'chat' && LLM_TIERS.includes(requested.toUpperCase() as LlmTier) ? requested.toUpperCase() : requested;
      const route = routes.get(`${kind}:${alias}`);
      if (!route) {
        const other = prices.models.get(requested);
        if (other) {
          const where = other.kind === 'image' ? '/v1/images/generations' : '/v1/chat/completions or /v1/messages';
          throw new RouterError(RouterErrorCode.BAD_USER_INPUT, `The model "${requested}" is a ${other.kind} model: use ${where}`, 400, { param: 'model' });
        }
        throw new RouterError(RouterErrorCode.MODEL_NOT_FOUND, `The model "${requested}" does not exist or has no price`, 404, { param: 'model', type: 'invalid_request_error' });
      }
      if (route.candidates.length === 0) {
        throw new RouterError(RouterErrorCode.SERVICE_UNAVAILABLE, `No configured provider can serve "${requested}"`, 503);
      }
      return route;
    },
    /** Every priced model, with whether its provider is configured. */
    list(): Array<{ model: ModelInfo; available: boolean }> {
      return [...prices.models.values()].map((model) => ({ model, available: available(model) }));
    },
  };
}
export type Registry = ReturnType<typeof createRegistry>;
