/** /v1/images/generations through the openai SDK: OpenAI and Gemini image models, priced per image. */
import { afterAll, afterEach, beforeAll, expect, test } from 'bun:test';
import { ledgerRow, startRouter, type TestRouter } from './helpers.ts';
import { PNG_B64 } from './fakes/gemini.ts';

let router: TestRouter;
beforeAll(async () => {
  router = await startRouter();
});
afterAll(() => router?.close());
afterEach(() => router.resetFakes());

test('OpenAI gpt-image-1: per-image rate plus the reported text input', async () => {
  router.fakes.openai.imageUsage = { input_tokens: 50, output_tokens: 4160, total_tokens: 4210, input_tokens_details: { text_tokens: 50, image_tokens: 0 } };
  const { data, response } = await router.openai().images.generate({ model: 'openai/gpt-image-1', prompt: 'A portrait of a dwarven smith', n: 2, size: '1024x1024' }).withResponse();
  expect(data.data).toHaveLength(2);
  // 2 × 42,000 + ⌈50 × $5 per million⌉ = 84,000 + 250
  expect(response.headers.get('x-startales-cost-micros')).toBe('84250');
  expect((data.usage as unknown as Record<string, number>).cost_micros).toBe(84_250);
  expect(router.fakes.openai.requests.at(-1)!.body).toMatchObject({ model: 'gpt-image-1', n: 2, size: '1024x1024' });
  const row = await ledgerRow(router, response.headers.get('x-startales-call-id')!);
  expect(row).toMatchObject({ endpoint: 'images', images: 2, input_tokens: 50, output_tokens: 0, cost_micros: '84250', model: 'openai/gpt-image-1' });
});

test('a Gemini image model: one generateContent call per image, image output requested', async () => {
  const { data, response } = await router.openai().images.generate({ model: 'google/gemini-2.5-flash-image', prompt: 'Campaign art: a ruined keep', n: 2 }).withResponse();
  expect(data.data?.map((d) => d.b64_json)).toEqual([PNG_B64, PNG_B64]);
  const calls = router.fakes.gemini.requests.filter((r) => r.path.includes('gemini-2.5-flash-image:generateContent'));
  expect(calls).toHaveLength(2);
  expect(calls[0]!.body.generationConfig.responseModalities).toEqual(['IMAGE']);
  // 2 × 39,000 + ⌈2 × 100 prompt tokens × $0.30 per million⌉ = 78,000 + 60
  expect(response.headers.get('x-startales-cost-micros')).toBe('78060');
  expect(await ledgerRow(router, response.headers.get('x-startales-call-id')!)).toMatchObject({ images: 2, input_tokens: 200, provider: 'google' });
});
