/**
 * Stripe's form encoding (`a[b][0][c]=v`), as stripe-node sends it, decoded into nested objects. Keys that are all
 * integers become arrays (`items[0][price]`, `expand[0]`, and the legacy `expand[]`). Every leaf stays a string,
 * as on the wire; the routes coerce what they read.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Form = { [key: string]: FormValue };

export function parseForm(body: string): Form {
  const root: Form = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    const path = keyPath(rawKey);
    let node: Record<string, FormValue> = root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!;
      node[k] ??= {};
      node = node[k] as Record<string, FormValue>;
    }
    const last = path.at(-1)!;
    node[last === '' ? String(Object.keys(node).length) : last] = value;
  }
  return arrayify(root) as Form;
}

function keyPath(key: string): string[] {
  const head = key.split('[', 1)[0]!;
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!);
  return [head, ...rest];
}

function arrayify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const out: Record<string, FormValue> = {};
  for (const k of keys) out[k] = arrayify(value[k]!);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => out[k]!);
  return out;
}

/** Readers for form leaves (Stripe rejects what does not parse, naming the parameter). */
export const read = {
  str: (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined),
  int: (v: FormValue | undefined): number | undefined => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined),
  bool: (v: FormValue | undefined): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined),
  obj: (v: FormValue | undefined): Record<string, FormValue> => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}),
  list: (v: FormValue | undefined): FormValue[] => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []),
  /** `metadata[k]=v` as a flat string map. */
  metadata: (v: FormValue | undefined): Record<string, string> =>
    Object.fromEntries(Object.entries(read.obj(v)).filter((e): e is [string, string] => typeof e[1] === 'string')),
};
