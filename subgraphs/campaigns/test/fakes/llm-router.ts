/**
 * llm-router as campaigns' prose writer sees it: the shared fake (@startales/testing) streaming `reply` back as OpenAI
 * SSE chunks with `costMicros` in the usage chunk and `x-startales-cost-micros`. `fail.chat = 'down'` answers 503.
 */
import { startFakeLlmRouter as startRouter, type FakeLlmRouter as Router, type FakeRouterRequest } from '@startales/testing';

/** A recorded chat completion request. */
export interface FakeLlmRequest extends FakeRouterRequest {
  body: { model: string; messages: Array<{ role: string; content: string }>; stream?: boolean; [k: string]: unknown };
}

export interface FakeLlmRouter extends Router {
  requests: FakeLlmRequest[];
  /** The text streamed back (a chunk per word). */
  reply: string;
  costMicros: number;
}

export function startFakeLlmRouter(options: { token?: string; reply?: string; costMicros?: number } = {}): FakeLlmRouter {
  const fake = startRouter({ token: options.token, chat: () => ({ content: fake.reply, costMicros: fake.costMicros }) }) as FakeLlmRouter;
  fake.reply = options.reply ?? 'The tide rose over the drowned archipelago, and the Archivist vanished.';
  fake.costMicros = options.costMicros ?? 1234;
  return fake;
}
