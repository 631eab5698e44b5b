/** Shared start-up for command-line scripts: validated config and a migrated database. */
import { migrateLibsql, openLibsql } from '../src/adapters/db/libsql';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/lib/logger';

export async function openForCli() {
  const config = loadConfig(process.env);
  const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(database);
  const app = createApp({ config, db: database.db, logger: createLogger('warn') });
  return { config, database, app };
}

export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
