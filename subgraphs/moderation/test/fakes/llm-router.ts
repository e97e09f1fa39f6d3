/**
 * llm-router as moderation's classifier sees it: the shared fake (@startales/testing) answering chat completions with a
 * JSON object of category scores computed by `score(text)` from the quoted text. It only classifies: other callers
 * sharing the router URL in an end-to-end stack (campaigns' prose) are told no provider is up, and are not recorded.
 * `fail.chat`: 'down' answers 503, 'garbage' text that holds no JSON.
 */
import { classifiedContent, classifierAnswer, startFakeLlmRouter as startRouter, type FakeLlmRouter as Router, type FakeRouterRequest } from '@startales/testing';

/** A recorded chat completion request. */
export interface FakeLlmRequest extends FakeRouterRequest {
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
}

export interface FakeLlmRouter extends Router {
  requests: FakeLlmRequest[];
  /** Scores for the text being classified (categories left out score 0). */
  score: (text: string) => Partial<Record<string, number>>;
}

/** The text the classifier quoted in its user message. */
export const quotedText = (request: FakeRouterRequest): string => classifiedContent(request).text;

export function startFakeLlmRouter(options: { token: string; score?: (text: string) => Partial<Record<string, number>> }): FakeLlmRouter {
  const fake = startRouter({
    token: options.token,
    serves: (request) => (request.headers['x-startales-purpose'] ?? 'moderation') === 'moderation',
    chat: (request) => ({ content: classifierAnswer(fake.score(quotedText(request))), promptTokens: 120, completionTokens: 40, costMicros: 21 }),
  }) as FakeLlmRouter;
  fake.score = options.score ?? (() => ({}));
  return fake;
}
