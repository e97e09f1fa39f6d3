import type { ModelInfo } from '../pricing/price-table.ts';
import type { Call } from '../modules/calls/pipeline.ts';

/**
 * A server-sent-events response pulling from `events` one piece at a time (the client's pace drives the
 * provider's). `onCancel` runs when the client goes away. A Bun "direct" stream: pieces are written as strings and
 * flushed one by one, without a queue, a TextEncoder pass or a promise per chunk. (Coalescing the pieces of one
 * upstream read into one flush measured no cheaper, and later at one client.)
 */
export function sseResponse(events: AsyncGenerator<string>, onCancel: () => void, headers: Record<string, string>): Response {
  let cancelled = false;
  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    onCancel();
    void events.return(undefined).catch(() => {});
  };
  const body = new ReadableStream({
    type: 'direct',
    async pull(controller: DirectController) {
      try {
        for (;;) {
          const { value, done } = await events.next();
          if (done || cancelled) break;
          controller.write(value);
          await controller.flush();
        }
      } finally {
        controller.close();
      }
    },
    cancel,
  } as unknown as UnderlyingDefaultSource<Uint8Array>);
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', ...headers } });
}

interface DirectController {
  write(chunk: string): number | Promise<number>;
  flush(): number | Promise<number>;
  close(): void;
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
