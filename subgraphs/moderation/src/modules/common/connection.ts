import { InputError, type EntityManager } from '@startales/kit';
import { isUuid } from './input.ts';

/** Relay paging arguments. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<N> {
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** Opaque cursors: base64url of a JSON array of the sort key. */
export const encodeCursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(key)) return key;
  } catch {
    // fall through
  }
  throw new InputError('Invalid cursor', 'after');
}

export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InputError(`first must be 1–${MAX_PAGE_SIZE}`, 'first');
  return first;
}

/**
 * One page of rows keyed by UUIDv7 (time-ordered), newest first: keyset-paged by id, so a page stays stable while
 * rows are added.
 */
export async function newestFirst<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  where: Record<string, unknown>,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args);
  let afterId: string | null = null;
  if (args.after) {
    const [id] = decodeCursor(args.after);
    if (!isUuid(id)) throw new InputError('Invalid cursor', 'after');
    afterId = id;
  }
  const pageWhere = afterId ? { $and: [where, { id: { $lt: afterId } }] } : where;
  const [rows, totalCount] = await Promise.all([
    em.find(entity, pageWhere as never, { orderBy: { id: 'desc' } as never, limit: first + 1 }),
    em.count(entity, where as never),
  ]);
  return toConnection(rows as T[], first, totalCount, (row) => [row.id]);
}

/** Builds a connection from `first + 1` fetched rows. */
export function toConnection<T>(rows: T[], first: number, totalCount: number, key: (row: T) => unknown[]): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
}
