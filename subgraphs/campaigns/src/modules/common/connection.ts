import { InputError } from '@startales/kit';

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

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new InputError(`first must be 1–${MAX_PAGE_SIZE}`, 'first');
  return first;
}

/** Opaque cursors: base64url of the keyset values joined by `|`. */
export const encodeCursor = (...parts: string[]) => Buffer.from(parts.join('|')).toString('base64url');

export function decodeCursor(cursor: string, count: number): string[] {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  if (parts.length !== count || parts.some((p) => p === '')) throw new InputError('Invalid cursor', 'after');
  return parts;
}

/** Builds a connection from rows fetched with `limit first + 1`. */
export function toConnection<N>(rows: N[], first: number, totalCount: number, cursorOf: (node: N) => string): Connection<N> {
  const page = rows.slice(0, first);
  return {
    edges: page.map((node) => ({ cursor: cursorOf(node), node })),
    pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page[page.length - 1]!) : null },
    totalCount,
  };
}
