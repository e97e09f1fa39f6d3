/**
 * Per-request memo for the privacy and relationship checks resolvers repeat for every field of every user in
 * a response (one query per (viewer, user) pair instead of one per field). Mutations call `forget` so the
 * fields of their result see the change they made.
 */
const store = new WeakMap<object, Map<string, Promise<unknown>>>();

export function memo<T>(ctx: object, key: string, load: () => Promise<T>): Promise<T> {
  let map = store.get(ctx);
  if (!map) store.set(ctx, (map = new Map()));
  let hit = map.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    map.set(key, hit);
    hit.catch(() => map!.delete(key));
  }
  return hit;
}

export function forget(ctx: object): void {
  store.delete(ctx);
}
