import { PG_ADMIN_URL, uniqueName } from './env.ts';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database for one test file/run, dropped afterwards. */
export async function createTestDatabase(prefix = 'startales_t'): Promise<TestDatabase> {
  const name = uniqueName(prefix).toLowerCase();
  const admin = new Bun.SQL(PG_ADMIN_URL, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  await admin.close();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const sql = new Bun.SQL(PG_ADMIN_URL, { max: 1 });
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.close();
      }
    },
  };
}
