/**
 * llm-router as character portraits see it: the shared fake (@startales/testing) with the classifier (chat
 * completions: a JSON object of category scores from `scoreText` / `scoreImage`) and the image endpoint (drawing
 * `image`, with `revisedPrompt`), each metered as the router reports it. `fail.chat` / `fail.images` make them fail
 * with the router's statuses; `delayMs.images` stalls drawing.
 */
import { classifiedContent, classifierAnswer, startFakeLlmRouter as startRouter, TEST_PNG, type FakeLlmRouter as Router, type FakeRouterRequest } from '@startales/testing';

/** A real 1×1 PNG. */
export const PNG = TEST_PNG;

export type { FakeRouterRequest };
export type FakeFailure = NonNullable<Router['fail']['chat']>;

export interface FakeLlmRouter extends Router {
  /** Scores of a description (by its text). */
  scoreText: (text: string) => Partial<Record<string, number>>;
  /** Scores of a portrait (by its bytes and the prompt quoted with it). */
  scoreImage: (bytes: Uint8Array, prompt: string) => Partial<Record<string, number>>;
  /** What the image endpoint draws. */
  image: Uint8Array;
  revisedPrompt: string | null;
}

/** The quoted text of a classifier request and, for a portrait check, the image's bytes. */
export const classified = classifiedContent;

const CLASSIFIER_MODEL = 'google/gemini-2.5-flash';

export function startFakeLlmRouter(options: { token: string }): FakeLlmRouter {
  const fake = startRouter({
    token: options.token,
    chat: (request) => {
      const { text, image } = classifiedContent(request);
      const scores = image ? fake.scoreImage(image, text) : fake.scoreText(text);
      return { content: classifierAnswer(scores), model: CLASSIFIER_MODEL, promptTokens: image ? 900 : 150, completionTokens: 40, costMicros: image ? 300 : 25 };
    },
    images: () => ({ image: fake.image, revisedPrompt: fake.revisedPrompt, model: 'openai/gpt-image-1', costMicros: 42_000 }),
  }) as FakeLlmRouter;
  fake.scoreText = () => ({});
  fake.scoreImage = () => ({});
  fake.image = TEST_PNG;
  fake.revisedPrompt = 'A weathered elven ranger, painterly portrait';
  return fake;
}
