import { InputError, type EntityManager } from '@startales/kit';
import type { EntityName, FilterQuery } from '@mikro-orm/core';

/** Relay arguments of billing's connections. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const MAX_PAGE = 100;

/** `first` within 1–100 (default 20), as a typed error naming the field otherwise. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new InputError(`first must be 1–${MAX_PAGE}`, 'first');
  return n;
}

const encode = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function decode(cursor: string): string {
  const s = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!s || encode(s) !== cursor.replace(/=+$/, '')) throw new InputError('after is not a cursor from this connection', 'after');
  return s;
}

/** Newest first by (`field`, id): a stable keyset page of `entity` rows matching `where`. */
export async function newestFirst<T extends { id: string }, K extends keyof T & string = 'createdAt' & keyof T>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  field: K = 'createdAt' as K,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  let filter = where;
  if (args.after) {
    const [iso, id] = decode(args.after).split('|');
    const at = new Date(iso ?? '');
    if (!id || Number.isNaN(at.getTime())) throw new InputError('after is not a cursor from this connection', 'after');
    filter = { $and: [where, { $or: [{ [field]: { $lt: at } }, { [field]: at, id: { $lt: id } }] }] } as FilterQuery<T>;
  }
  const [rows, totalCount] = await Promise.all([
    em.find(entity, filter, { orderBy: { [field]: 'desc', id: 'desc' } as never, limit: first + 1 }),
    em.count(entity, where),
  ]);
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encode(`${(node[field] as Date).toISOString()}|${node.id}`), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}

/** Offset cursors for computed lists (finance reports): `first` rows after `after`. */
export function offsetWindow(args: PageArgs): { offset: number; limit: number; cursor: (i: number) => string } {
  const limit = pageSize(args.first);
  let offset = 0;
  if (args.after) {
    const m = /^o:(\d+)$/.exec(decode(args.after));
    if (!m) throw new InputError('after is not a cursor from this connection', 'after');
    offset = Number(m[1]) + 1;
  }
  return { offset, limit, cursor: (i) => encode(`o:${offset + i}`) };
}
