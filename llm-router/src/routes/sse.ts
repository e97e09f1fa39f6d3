import type { ModelInfo } from '../pricing/price-table.ts';
import type { Call } from '../modules/calls/pipeline.ts';

const encoder = new TextEncoder();

/**
 * A server-sent-events response pulling from `events` one piece at a time (the client's pace drives the
 * provider's). `onCancel` runs when the client goes away.
 */
export function sseResponse(events: AsyncGenerator<string>, onCancel: () => void, headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await events.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    cancel() {
      onCancel();
      void events.return(undefined).catch(() => {});
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers } });
}

/** Headers every LLM response carries: which call, which model served it, under which price table. */
export function callHeaders(call: Call, model: ModelInfo, version: string, costMicros?: number): Record<string, string> {
  const headers: Record<string, string> = {
    'x-startales-call-id': call.id,
    'x-startales-model': model.id,
    'x-startales-provider': model.provider,
    'x-startales-price-version': version,
  };
  if (costMicros !== undefined) headers['x-startales-cost-micros'] = String(costMicros);
  return headers;
}

export function json(body: unknown, headers: Record<string, string>, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
