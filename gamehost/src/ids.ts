import { createHash } from 'node:crypto';

/**
 * A UUIDv7 whose timestamp is `atMs` and whose other bits come from hashing `name`: the same (instant, name) always
 * gives the same id. Outcomes the schedule produces use it as their event id (= `Nats-Msg-Id`), so two hosts that
 * publish "session 3 started" produce one message, and consumers that record processed ids see one event.
 */
export function deterministicUuidV7(atMs: number, name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  const ms = Math.max(0, Math.floor(atMs));
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
