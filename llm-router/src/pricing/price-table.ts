import { readFileSync } from 'node:fs';
import { LLM_PROVIDERS, LLM_TIERS, type LlmProvider, type LlmTier } from '@startales/contracts';

/** Prices of one model, integer micro-dollars per million tokens (per image for `imageMicros`). */
export interface ModelPricing {
  inputMicrosPerMillion: number;
  cachedInputMicrosPerMillion: number;
  cacheWriteMicrosPerMillion: number;
  outputMicrosPerMillion: number;
  reasoningMicrosPerMillion: number;
  /** Image models only. */
  imageMicros: number;
}

export type ModelKind = 'chat' | 'image';

/** One routable model: where it runs, what it costs, and how much it can produce (for budget reservations). */
export interface ModelInfo {
  /** `<provider>/<model>`, e.g. `openai/gpt-4o`. */
  readonly id: string;
  readonly provider: LlmProvider;
  /** The model name the provider knows (the id without its provider prefix). */
  readonly upstream: string;
  readonly kind: ModelKind;
  readonly tier: LlmTier;
  /** The provider's output cap; a call without max_tokens reserves for this many. */
  readonly maxOutputTokens: number;
  /** Reasoning tokens a call can produce beyond max_tokens (providers whose thinking budget is separate). */
  readonly maxReasoningTokens: number;
  readonly pricing: ModelPricing;
}

/** The versioned price table: every routable model, and the ordered models behind each tier alias. */
export interface PriceTable {
  readonly version: string;
  readonly models: ReadonlyMap<string, ModelInfo>;
  readonly tiers: Readonly<Record<LlmTier, readonly ModelInfo[]>>;
}

export class PriceTableError extends Error {
  override readonly name = 'PriceTableError';
  constructor(readonly problems: string[]) {
    super(`Invalid price table:\n  - ${problems.join('\n  - ')}`);
  }
}

const CHAT_RATES = [
  'inputMicrosPerMillion',
  'cachedInputMicrosPerMillion',
  'cacheWriteMicrosPerMillion',
  'outputMicrosPerMillion',
  'reasoningMicrosPerMillion',
] as const;
const IMAGE_RATES = ['inputMicrosPerMillion', 'imageMicros'] as const;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Validates a parsed price table. Every problem is collected, so one edit fixes them all; a model without one of
 * its prices is an error here, never a $0 call later.
 */
export function parsePriceTable(raw: unknown): PriceTable {
  const problems: string[] = [];
  const table = (raw ?? {}) as { version?: unknown; models?: unknown; tiers?: unknown };
  if (typeof table.version !== 'string' || !table.version.trim()) problems.push('version: must be a non-empty string');
  const models = new Map<string, ModelInfo>();
  if (!table.models || typeof table.models !== 'object') problems.push('models: must be an object keyed by model id');
  for (const [id, value] of Object.entries((table.models ?? {}) as Record<string, Record<string, unknown>>)) {
    const slash = id.indexOf('/');
    const provider = id.slice(0, slash) as LlmProvider;
    const upstream = id.slice(slash + 1);
    if (slash < 1 || !upstream || !LLM_PROVIDERS.includes(provider)) {
      problems.push(`models.${id}: id must be <${LLM_PROVIDERS.join('|')}>/<model>`);
      continue;
    }
    const kind = value?.kind;
    if (kind !== 'chat' && kind !== 'image') {
      problems.push(`models.${id}.kind: must be "chat" or "image"`);
      continue;
    }
    if (!LLM_TIERS.includes(value.tier as LlmTier)) problems.push(`models.${id}.tier: must be one of ${LLM_TIERS.join(', ')}`);
    const rates = kind === 'chat' ? CHAT_RATES : IMAGE_RATES;
    for (const rate of rates) {
      if (!isCount(value[rate])) problems.push(`models.${id}.${rate}: missing or not a non-negative integer`);
    }
    if (kind === 'chat' && !(isCount(value.maxOutputTokens) && value.maxOutputTokens > 0)) {
      problems.push(`models.${id}.maxOutputTokens: must be a positive integer`);
    }
    if (value.maxReasoningTokens !== undefined && !isCount(value.maxReasoningTokens)) {
      problems.push(`models.${id}.maxReasoningTokens: must be a non-negative integer`);
    }
    const rate = (name: keyof ModelPricing) => (isCount(value[name]) ? value[name] : 0);
    models.set(id, {
      id,
      provider,
      upstream,
      kind,
      tier: value.tier as LlmTier,
      maxOutputTokens: isCount(value.maxOutputTokens) ? value.maxOutputTokens : 0,
      maxReasoningTokens: isCount(value.maxReasoningTokens) ? value.maxReasoningTokens : 0,
      pricing: {
        inputMicrosPerMillion: rate('inputMicrosPerMillion'),
        cachedInputMicrosPerMillion: rate('cachedInputMicrosPerMillion'),
        cacheWriteMicrosPerMillion: rate('cacheWriteMicrosPerMillion'),
        outputMicrosPerMillion: rate('outputMicrosPerMillion'),
        reasoningMicrosPerMillion: rate('reasoningMicrosPerMillion'),
        imageMicros: rate('imageMicros'),
      },
    });
  }
  const tiers = {} as Record<LlmTier, ModelInfo[]>;
  const rawTiers = (table.tiers ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(rawTiers)) {
    if (!LLM_TIERS.includes(name as LlmTier)) problems.push(`tiers.${name}: unknown tier (${LLM_TIERS.join(', ')})`);
  }
  for (const tier of LLM_TIERS) {
    const ids = rawTiers[tier];
    tiers[tier] = [];
    if (!Array.isArray(ids) || ids.length === 0) {
      problems.push(`tiers.${tier}: must list at least one chat model`);
      continue;
    }
    for (const id of ids) {
      const model = models.get(String(id));
      if (!model) problems.push(`tiers.${tier}: unknown model "${String(id)}"`);
      else if (model.kind !== 'chat') problems.push(`tiers.${tier}: "${model.id}" is not a chat model`);
      else if (model.tier !== tier) problems.push(`tiers.${tier}: "${model.id}" is priced as ${model.tier}`);
      else tiers[tier].push(model);
    }
  }
  if (problems.length) throw new PriceTableError(problems);
  return { version: String(table.version), models, tiers };
}

/** Reads and validates the price table file (at startup: a bad table stops the service). */
export function loadPriceTable(path: string): PriceTable {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PriceTableError([`${path}: ${(error as Error).message}`]);
  }
  return parsePriceTable(raw);
}
