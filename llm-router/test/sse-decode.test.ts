import { expect, test } from 'bun:test';
import OpenAI from 'openai';
import { decodeSSE } from '../src/providers/openai/sse.ts';
import { modelRewriter } from '../src/routes/chat.ts';

/** A response whose body arrives in exactly these pieces. */
const response = (pieces: string[]) => {
  const encoder = new TextEncoder();
  let i = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < pieces.length) controller.enqueue(encoder.encode(pieces[i++]!));
        else controller.close();
      },
    }),
  );
};
const all = async (pieces: string[]) => {
  const out: Array<{ data: unknown; raw: string }> = [];
  for await (const { data, raw } of decodeSSE(response(pieces))) out.push({ data, raw });
  return out;
};

test('decodeSSE: payloads with their text, across reads split anywhere, CRLF or LF, comments skipped, until [DONE]', async () => {
  const text = ': keep-alive\n\ndata: {"a":1}\n\ndata: {"b":"x\\ny"}\r\n\r\nevent: message\ndata: {"c":\ndata: 3}\n\ndata: [DONE]\n\ndata: {"never":true}\n\n';
  for (const size of [1, 2, 3, 7, text.length]) {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    expect(await all(pieces)).toEqual([
      { data: { a: 1 }, raw: '{"a":1}' },
      { data: { b: 'x\ny' }, raw: '{"b":"x\\ny"}' },
      { data: { c: 3 }, raw: '{"c":\n3}' },
    ]);
  }
});

test('decodeSSE: an event says whether more events of the same read follow it (they are relayed in one write)', async () => {
  const more: boolean[] = [];
  for await (const event of decodeSSE(response(['data: {"a":1}\n\ndata: {"b":2}\n\n: ping\n\n', 'data: {"c":3}\n\n', 'data: [DONE]\n\n']))) more.push(event.more);
  // a trailing comment is no event: "b" is the last of its read
  expect(more).toEqual([true, false, false]);
});

test('decodeSSE: a last event without its blank line still counts; errors are the SDK’s', async () => {
  expect(await all(['data: {"a":1}\n\ndata: {"z":2}'])).toEqual([
    { data: { a: 1 }, raw: '{"a":1}' },
    { data: { z: 2 }, raw: '{"z":2}' },
  ]);
  await expect(all(['data: {"error":{"message":"overloaded"}}\n\n'])).rejects.toBeInstanceOf(OpenAI.APIError);
  await expect(all(['event: error\ndata: {"message":"boom"}\n\n'])).rejects.toBeInstanceOf(OpenAI.APIError);
  await expect(all(['data: {not json\n\n'])).rejects.toBeInstanceOf(SyntaxError);
});

test('modelRewriter: replaces the top-level model id in the text, or declines so the chunk is re-serialised', () => {
  const rewrite = modelRewriter('openai/gpt-4o-mini');
  const raw = '{"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"\\"model\\":\\"gpt-4o-mini-2024-07-18\\""}}]}';
  const out = rewrite(raw, 'gpt-4o-mini-2024-07-18')!;
  expect(JSON.parse(out)).toEqual({ ...JSON.parse(raw), model: 'openai/gpt-4o-mini' });
  // other formatting, or the id only inside the choices: not touched here
  expect(rewrite('{"id":"c1","model": "gpt-4o-mini","choices":[]}', 'gpt-4o-mini')).toBeUndefined();
  expect(rewrite('{"choices":[{"delta":{"model":"m"}}],"model":"m"}', 'm')).toBeUndefined();
  expect(rewrite('{"model":"m"}', undefined)).toBeUndefined();
});
