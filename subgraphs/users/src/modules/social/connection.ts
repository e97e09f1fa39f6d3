import { InputError, type EntityManager } from '@startales/kit';
import { parseId } from './errors.ts';

/**
 * Relay connections over tables keyed by UUIDv7 (time-ordered): newest first, keyset-paged by id, so a page
 * stays stable while rows are added. Cursors are opaque (base64url of the row id).
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<N> {
  cursor: string;
  node: N;
}

export interface Connection<N, E extends Edge<N> = Edge<N>> {
  edges: E[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

const encodeCursor = (id: string) => Buffer.from(`k:${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const m = /^k:(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new InputError('Invalid cursor', 'after');
  return parseId(m[1], 'after');
}

/** Validates `first`/`after`. */
export function pageWindow(args: PageArgs): { first: number; afterId: string | null } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InputError(`first must be 1–${MAX_PAGE_SIZE}`, 'first');
  return { first, afterId: args.after ? decodeCursor(args.after) : null };
}

/**
 * One page of `entity` rows matching `where`, newest first; `toEdges` turns the rows into edges (batch-loading
 * whatever the nodes need) and may return them in any shape that has `cursor` and `node`.
 */
export async function keysetPage<T extends { id: string }, E extends Edge<unknown>>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  where: Record<string, unknown>,
  args: PageArgs,
  toEdges: (rows: T[], cursor: (row: T) => string) => Promise<E[]>,
): Promise<{ edges: E[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number }> {
  const { first, afterId } = pageWindow(args);
  const pageWhere = afterId ? { $and: [where, { id: { $lt: afterId } }] } : where;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere as never, { orderBy: { id: 'desc' } as never, limit: first + 1 }),
    em.count(entity, where as never),
  ]);
  const page = rows.slice(0, first) as T[];
  const edges = await toEdges(page, (row) => encodeCursor(row.id));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1]!.id) : null },
    totalCount,
  };
}
