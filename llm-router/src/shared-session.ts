import type { SQL } from 'bun';

type Conn = { unsafe(query: string, params?: unknown[]): Promise<unknown> };

/** Runs one parameterised statement inside BEGIN … COMMIT on `conn` (a reserved connection). */
async function inTransaction(conn: Conn, query: string, params: unknown[]): Promise<unknown> {
  await conn.unsafe('begin');
  try {
    const rows = await conn.unsafe(query, params);
    await conn.unsafe('commit');
    return rows;
  } catch (error) {
    await conn.unsafe('rollback').catch(() => {});
    throw error;
  }
}

/**
 * The router's SQL client for a database session shared by every service (the start command's embedded PGlite,
 * served by pglite-socket, which multiplexes all connections onto one session). Bun.SQL without prepared statements
 * sends a parameterised statement as an unnamed Parse, then Bind/Execute in a second round trip; on a shared session
 * another client's Parse can land in between and replace the unnamed statement ("unnamed prepared statement does not
 * exist"). Inside a transaction the session serves only that connection until COMMIT, so every parameterised
 * statement runs in its own transaction here. Statements without parameters go as they are (simple protocol).
 * Not for a real PostgreSQL server, where sessions are not shared.
 */
export function sharedSessionSql(sql: SQL): SQL {
  const wrapReserved = <T extends object>(conn: T): T =>
    new Proxy(conn, {
      get(target, prop, receiver) {
        if (prop === 'unsafe') {
          return (query: string, params?: unknown[]) =>
            params?.length ? inTransaction(target as unknown as Conn, query, params) : (target as unknown as Conn).unsafe(query);
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[]) =>
          params?.length ? target.begin((tx) => tx.unsafe(query, params)) : target.unsafe(query);
      }
      if (prop === 'reserve') return async () => wrapReserved(await target.reserve());
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
