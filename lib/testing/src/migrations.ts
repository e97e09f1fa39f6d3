import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { createLogger, createOrm } from '@startales/kit';
import { createTestDatabase } from './database.ts';

/**
 * Applies a service's committed migrations to a fresh database and returns the SQL that would still be needed
 * to match its entities: empty when every entity change has its migration.
 */
export async function schemaDrift(options: { schema: string; entities: unknown[]; migrations: Array<Constructor<Migration>> }): Promise<string> {
  const db = await createTestDatabase();
  const orm = await createOrm({ ...options, url: db.url, logger: createLogger({ service: 'drift', level: 'silent' }), poolMax: 2 });
  try {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, schema: options.schema });
    return sql.trim();
  } finally {
    await orm.close();
    await db.drop();
  }
}
