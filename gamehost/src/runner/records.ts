import type { EventEnvelope } from '@startales/contracts';
import { parseEnvelope } from '@startales/kit';
import type { GameRecord } from '../game/state.ts';

/**
 * A stream message as a reducer record. A malformed payload becomes a placeholder derived from its sequence, so it
 * is counted and skipped identically by every host and every replay. `at` is the stream's timestamp of the message.
 */
export function recordOf(msg: { seq: number; subject: string; data: Uint8Array; info?: { timestampNanos: number | bigint } }): GameRecord {
  const kind = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
  let envelope: EventEnvelope;
  try {
    envelope = parseEnvelope(msg.data);
  } catch {
    envelope = { id: `malformed:${msg.seq}`, type: 'malformed', occurredAt: '', actor: '', data: null, v: 0 };
  }
  const nanos = msg.info?.timestampNanos;
  return nanos === undefined ? { seq: msg.seq, kind, envelope } : { seq: msg.seq, kind, envelope, at: Math.floor(Number(nanos) / 1e6) };
}
