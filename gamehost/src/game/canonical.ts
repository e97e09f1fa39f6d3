/**
 * Canonical JSON: object keys sorted, no whitespace. Two equal states serialise to the same bytes whatever the
 * order their fields were written in, so "same events → identical state bytes" is checkable with `===`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('non-finite number in state');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * Chains `input` onto a 64-bit digest (two independent 32-bit FNV-1a lanes, hex). Pure and portable: it only uses
 * 32-bit integer arithmetic, so every machine and runtime computes the same value.
 */
export function chainDigest(previous: string, input: string): string {
  let a = 0x811c9dc5 ^ parseInt(previous.slice(0, 8), 16);
  let b = 0x01000193 ^ parseInt(previous.slice(8, 16), 16);
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
