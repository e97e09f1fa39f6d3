import OpenAI from 'openai';

/** Where a decoded chunk keeps the JSON text it was parsed from (see `chatEvents`: relayed without re-serialising). */
export const RAW_JSON = Symbol('raw JSON');
/** Set on a decoded chunk when more events of the same upstream read follow it (`chatEvents` writes them at once). */
export const MORE_BUFFERED = Symbol('more buffered');

/**
 * The events of an OpenAI-format SSE stream: each `data:` payload parsed, with its JSON text, until `[DONE]`.
 * Same contract as the SDK's decoder (`Stream.fromSSEResponse`): an `error` event or a payload carrying `error`
 * throws the SDK's `APIError`, a payload that is not JSON throws a SyntaxError. It splits on blank lines with
 * native string search instead of the SDK's byte-by-byte scan, which was the router's largest cost per streamed
 * chunk. Stopping early (return/throw) cancels the response body, which releases the connection.
 */
export async function* decodeSSE<T>(response: Response): AsyncGenerator<{ data: T; raw: string; more: boolean }> {
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        buf += decoder.decode();
        finished = true;
      } else buf += decoder.decode(value, { stream: true });
      if (buf.includes('\r')) {
        // CRLF or CR line endings; a CR at the very end may be half of a CRLF split across reads
        const keep = !finished && buf.endsWith('\r');
        const text = keep ? buf.slice(0, -1) : buf;
        buf = text.replace(/\r\n?/g, '\n') + (keep ? '\r' : '');
      }
      // every complete event of this read first, so each says whether another one follows it
      const events: Array<{ data: unknown; raw: string }> = [];
      let ended = false;
      let start = 0;
      for (let end = buf.indexOf('\n\n'); end >= 0; end = buf.indexOf('\n\n', start)) {
        const event = parseEvent(buf.slice(start, end), response);
        start = end + 2;
        if (event === undefined) continue;
        if (event === null) {
          ended = true;
          break;
        }
        events.push(event);
      }
      for (let i = 0; i < events.length; i++) yield { ...(events[i] as { data: T; raw: string }), more: i < events.length - 1 };
      if (ended) return;
      buf = start ? buf.slice(start) : buf;
      if (finished) {
        // a last event without its blank line
        const event = buf.trim() ? parseEvent(buf, response) : undefined;
        if (event) yield { ...(event as { data: T; raw: string }), more: false };
        return;
      }
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}

/** One event block: its payload, `undefined` when it has none (comments, keep-alives), `null` for `[DONE]`. */
function parseEvent(block: string, response: Response): { data: unknown; raw: string } | undefined | null {
  let raw: string | undefined;
  let name: string | undefined;
  if (block.startsWith('data:') && !block.includes('\n')) raw = block.slice(block.charCodeAt(5) === 32 ? 6 : 5);
  else {
    for (const line of block.split('\n')) {
      if (line.startsWith('data:')) {
        const piece = line.slice(line.charCodeAt(5) === 32 ? 6 : 5);
        raw = raw === undefined ? piece : `${raw}\n${piece}`;
      } else if (line.startsWith('event:')) name = line.slice(line.charCodeAt(6) === 32 ? 7 : 6);
    }
  }
  if (raw === undefined) return undefined;
  if (raw === '[DONE]') return null;
  let data: { error?: unknown } | null;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new SyntaxError('Error reading response: malformed server-sent event JSON.');
  }
  if (name === 'error') throw new OpenAI.APIError(undefined, (data?.error ?? data) as object, undefined, response.headers);
  if (data && data.error) throw new OpenAI.APIError(undefined, data.error as object, undefined, response.headers);
  return { data, raw };
}
