/** The price table and the arithmetic of money: integers only, no missing price ever becomes $0. */
import { describe, expect, test } from 'bun:test';
import { DEFAULT_PRICES_FILE } from '../src/config.ts';
import { costMicros, emptyUsage, maxCostMicros, promptTokenBound } from '../src/pricing/cost.ts';
import { loadPriceTable, parsePriceTable, PriceTableError, type ModelInfo } from '../src/pricing/price-table.ts';
import { openaiUsage } from '../src/providers/openai/usage.ts';
import { anthropicUsage } from '../src/providers/anthropic/usage.ts';
import { geminiUsage } from '../src/providers/google/usage.ts';

const chat = (over: Record<string, unknown> = {}) => ({
  kind: 'chat',
  tier: 'PREMIUM',
  maxOutputTokens: 1000,
  inputMicrosPerMillion: 2_500_000,
  cachedInputMicrosPerMillion: 1_250_000,
  cacheWriteMicrosPerMillion: 2_500_000,
  outputMicrosPerMillion: 10_000_000,
  reasoningMicrosPerMillion: 10_000_000,
  ...over,
});
/** A table around `models` (one `openai/a` in PREMIUM), with valid STANDARD and ECONOMY tiers. */
const table = (models: Record<string, unknown>, tiers?: Record<string, string[]>) => ({
  version: 'v-test',
  models: { 'openai/s': chat({ tier: 'STANDARD' }), 'openai/e': chat({ tier: 'ECONOMY' }), ...models },
  tiers: tiers ?? { PREMIUM: ['openai/a'], STANDARD: ['openai/s'], ECONOMY: ['openai/e'] },
});
const problems = (raw: unknown): string[] => {
  try {
    parsePriceTable(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PriceTableError);
    return (error as PriceTableError).problems;
  }
};

describe('the price table', () => {
  test('the checked-in table is valid, versioned, and prices every model it routes to', () => {
    const prices = loadPriceTable(DEFAULT_PRICES_FILE);
    expect(prices.version).toMatch(/\S/);
    expect(prices.models.size).toBeGreaterThan(10);
    for (const tier of ['PREMIUM', 'STANDARD', 'ECONOMY'] as const) expect(prices.tiers[tier].length).toBeGreaterThan(0);
    for (const provider of ['openai', 'anthropic', 'google', 'xai', 'ollama']) {
      expect([...prices.models.values()].some((m) => m.provider === provider)).toBe(true);
    }
  });

  test('a missing price is an error at load time, naming the model and the rate', () => {
    const found = problems(table({ 'openai/a': chat({ reasoningMicrosPerMillion: undefined }) }));
    expect(found).toEqual(['models.openai/a.reasoningMicrosPerMillion: missing or not a non-negative integer']);
  });

  test('fractional, negative or string prices are errors (money is integer micro-dollars)', () => {
    expect(problems(table({ 'openai/a': chat({ inputMicrosPerMillion: 2.5 }) }))).toHaveLength(1);
    expect(problems(table({ 'openai/a': chat({ outputMicrosPerMillion: -1 }) }))).toHaveLength(1);
    expect(problems(table({ 'openai/a': chat({ cachedInputMicrosPerMillion: '100' }) }))).toHaveLength(1);
  });

  test('every problem is reported at once', () => {
    const found = problems({
      models: {
        'openai/a': chat(),
        'acme/b': chat(),
        'openai/img': { kind: 'image', tier: 'STANDARD', inputMicrosPerMillion: 0 },
        'xai/c': chat({ tier: 'GOLD', maxOutputTokens: 0 }),
      },
      tiers: { PREMIUM: ['openai/a', 'openai/missing'], STANDARD: ['openai/img'], ECONOMY: [], DIAMOND: ['openai/a'] },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'version: must be a non-empty string',
        'models.acme/b: id must be <openai|anthropic|google|xai|ollama>/<model>',
        'models.openai/img.imageMicros: missing or not a non-negative integer',
        'models.xai/c.tier: must be one of PREMIUM, STANDARD, ECONOMY',
        'models.xai/c.maxOutputTokens: must be a positive integer',
        'tiers.DIAMOND: unknown tier (PREMIUM, STANDARD, ECONOMY)',
        'tiers.PREMIUM: unknown model "openai/missing"',
        'tiers.STANDARD: "openai/img" is not a chat model',
        'tiers.ECONOMY: must list at least one chat model',
      ]),
    );
  });

  test('a tier may only list models priced in that tier', () => {
    expect(problems(table({ 'openai/a': chat() }, { PREMIUM: ['openai/a'], STANDARD: ['openai/a'], ECONOMY: ['openai/a'] }))).toEqual([
      'tiers.STANDARD: "openai/a" is priced as PREMIUM',
      'tiers.ECONOMY: "openai/a" is priced as PREMIUM',
    ]);
  });
});

describe('cost', () => {
  const model = parsePriceTable(table({ 'openai/a': chat() })).models.get('openai/a')!;

  test('Σ tokens × rate per million, rounded up once to the next micro-dollar', () => {
    expect(costMicros(model, { ...emptyUsage(), inputTokens: 1 })).toBe(3); // 2.5 → 3
    expect(costMicros(model, { ...emptyUsage(), inputTokens: 2 })).toBe(5);
    expect(costMicros(model, { inputTokens: 1000, cachedInputTokens: 234, cacheWriteTokens: 0, outputTokens: 500, reasoningTokens: 67, images: 0 })).toBe(8463);
    expect(costMicros(model, emptyUsage())).toBe(0);
  });

  test('exact for huge counts (no float drift)', () => {
    const big = { ...emptyUsage(), inputTokens: 3_000_000_001, outputTokens: 7_000_000_003 };
    // 3,000,000,001 × 2.5 + 7,000,000,003 × 10 = 7,500,000,002.5 + 70,000,000,030 → ceil
    expect(costMicros(model, big)).toBe(77_500_000_033);
  });

  test('the reservation bounds the cost of any usage the call can produce', () => {
    const bound = { promptTokens: promptTokenBound(2_000, 0, false), maxOutputTokens: 300, images: 0 };
    const max = maxCostMicros(model, bound);
    for (let i = 0; i < 500; i++) {
      const prompt = Math.floor(Math.random() * bound.promptTokens);
      const cached = Math.floor(Math.random() * prompt);
      const out = Math.floor(Math.random() * 300);
      const reasoning = Math.floor(Math.random() * (300 - out));
      const usage = { inputTokens: prompt - cached, cachedInputTokens: cached, cacheWriteTokens: 0, outputTokens: out, reasoningTokens: reasoning, images: 0 };
      expect(costMicros(model, usage)).toBeLessThanOrEqual(max);
    }
    // without max_tokens the model's own cap is reserved; reasoning beyond it is added when the model allows it
    const thinking: ModelInfo = { ...model, maxReasoningTokens: 500 };
    expect(maxCostMicros(thinking, { ...bound, maxOutputTokens: undefined })).toBe(Math.ceil((bound.promptTokens * 2_500_000 + 1000 * 10_000_000 + 500 * 10_000_000) / 1e6));
  });
});

describe('usage extraction', () => {
  test('OpenAI: cached inside prompt_tokens, reasoning inside completion_tokens', () => {
    expect(
      openaiUsage({ prompt_tokens: 100, completion_tokens: 50, total_tokens: 150, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 30 } }),
    ).toEqual({ inputTokens: 60, cachedInputTokens: 40, cacheWriteTokens: 0, outputTokens: 20, reasoningTokens: 30, images: 0 });
  });
  test('xAI: reasoning outside completion_tokens (total = prompt + completion + reasoning)', () => {
    expect(openaiUsage({ prompt_tokens: 100, completion_tokens: 50, total_tokens: 180, completion_tokens_details: { reasoning_tokens: 30 } })).toMatchObject({
      outputTokens: 50,
      reasoningTokens: 30,
    });
  });
  test('Anthropic: input excludes cache; thinking inside output_tokens', () => {
    expect(
      anthropicUsage({ input_tokens: 10, cache_creation_input_tokens: 20, cache_read_input_tokens: 30, output_tokens: 40, output_tokens_details: { thinking_tokens: 15 } }),
    ).toEqual({ inputTokens: 10, cachedInputTokens: 30, cacheWriteTokens: 20, outputTokens: 25, reasoningTokens: 15, images: 0 });
  });
  test('Gemini: cached inside promptTokenCount; tool-use prompt is input; thoughts apart', () => {
    expect(geminiUsage({ promptTokenCount: 100, cachedContentTokenCount: 60, toolUsePromptTokenCount: 5, candidatesTokenCount: 7, thoughtsTokenCount: 9 })).toEqual({
      inputTokens: 45,
      cachedInputTokens: 60,
      cacheWriteTokens: 0,
      outputTokens: 7,
      reasoningTokens: 9,
      images: 0,
    });
  });
});
