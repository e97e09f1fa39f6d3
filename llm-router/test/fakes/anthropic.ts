import { sseStream, startFake, type FakeBase, type Failure } from './common.ts';

/** A fake of Anthropic's Messages API (`POST /v1/messages`, JSON and SSE with named events). */

export interface AnthropicReply {
  pieces: string[];
  thinking?: string[];
  toolUse?: { name: string; input: Record<string, unknown> };
  /** Streams end with an `error` event (overloaded) after this many text pieces. */
  failAfter?: number;
  /** `usage` as Anthropic reports it (message_start carries input and cache counts; message_delta the final). */
  usage: Record<string, unknown>;
}

export interface FakeAnthropic extends FakeBase {
  reply: AnthropicReply;
}

export const defaultAnthropicUsage = () => ({
  input_tokens: 100,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  output_tokens: 20,
  service_tier: 'standard',
});

/** Anthropic's error body. */
export const anthropicError = (status: number, type: string, message: string, headers?: Record<string, string>): Failure => ({
  status,
  body: { type: 'error', error: { type, message }, request_id: `req_${crypto.randomUUID().replaceAll('-', '')}` },
  headers: { 'request-id': 'req_fake', ...headers },
});

export const overloaded = () => anthropicError(529, 'overloaded_error', 'Overloaded');

export function startFakeAnthropic(apiKey = 'anthropic-test-key'): FakeAnthropic {
  let n = 0;
  const fake = startFake(
    (req, f) => {
      const self = f as FakeAnthropic;
      if (req.method === 'POST' && req.path === '/v1/messages') return messages(self, req.body);
      return Response.json({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }, { status: 404 });
    },
    {
      authorize: (headers) => {
        // the API takes the key as x-api-key or (what @anthropic-ai/sdk 1.x sends) a bearer token
        if (headers['x-api-key'] !== apiKey && headers.authorization !== `Bearer ${apiKey}`) {
          return Response.json({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }, { status: 401 });
        }
        if (!headers['anthropic-version']) {
          return Response.json({ type: 'error', error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' } }, { status: 400 });
        }
        return undefined;
      },
    },
  ) as FakeAnthropic;
  const defaults = (): AnthropicReply => ({ pieces: ['Greetings', ', traveller', '.'], usage: defaultAnthropicUsage() });
  fake.reply = defaults();
  const reset = fake.reset;
  fake.reset = () => {
    reset();
    fake.reply = defaults();
  };

  function messages(self: FakeAnthropic, body: any): Response {
    if (typeof body?.max_tokens !== 'number') {
      return Response.json({ type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } }, { status: 400 });
    }
    const id = `msg_fake${++n}`;
    const reply = self.reply;
    const model = body.model;
    const stop = reply.toolUse ? 'tool_use' : 'end_turn';
    if (!body.stream) {
      const content: unknown[] = [];
      if (reply.thinking) content.push({ type: 'thinking', thinking: reply.thinking.join(''), signature: 'sig' });
      if (reply.toolUse) content.push({ type: 'tool_use', id: 'toolu_01', name: reply.toolUse.name, input: reply.toolUse.input });
      else content.push({ type: 'text', text: reply.pieces.join('') });
      return Response.json({ id, type: 'message', role: 'assistant', model, content, stop_reason: stop, stop_sequence: null, usage: reply.usage });
    }
    const sse = (data: Record<string, unknown>) => `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
    const usage = reply.usage as Record<string, number>;
    const events = [
      sse({
        type: 'message_start',
        message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...reply.usage, output_tokens: 1 } },
      }),
    ];
    let index = 0;
    if (reply.thinking) {
      events.push(sse({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      for (const t of reply.thinking) events.push(sse({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: t } }));
      events.push(sse({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'sig' } }));
      events.push(sse({ type: 'content_block_stop', index }));
      index++;
    }
    if (reply.toolUse) {
      events.push(sse({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: 'toolu_01', name: reply.toolUse.name, input: {} } }));
      const json = JSON.stringify(reply.toolUse.input);
      for (let i = 0; i < json.length; i += 10) events.push(sse({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: json.slice(i, i + 10) } }));
    } else {
      events.push(sse({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      events.push(sse({ type: 'ping' }));
      for (const [i, p] of reply.pieces.entries()) {
        if (i === reply.failAfter) {
          events.push(sse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
          return sseStream(self, events);
        }
        events.push(sse({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: p } }));
      }
    }
    events.push(sse({ type: 'content_block_stop', index }));
    events.push(
      sse({
        type: 'message_delta',
        delta: { stop_reason: stop, stop_sequence: null },
        usage: {
          input_tokens: usage.input_tokens,
          cache_creation_input_tokens: usage.cache_creation_input_tokens,
          cache_read_input_tokens: usage.cache_read_input_tokens,
          output_tokens: usage.output_tokens,
          ...(reply.usage.output_tokens_details ? { output_tokens_details: reply.usage.output_tokens_details } : {}),
        },
      }),
    );
    events.push(sse({ type: 'message_stop' }));
    return sseStream(self, events);
  }

  return fake;
}
