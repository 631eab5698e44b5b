/** `npm run migrate`: applies the committed migrations in db/migrations to DATABASE_URL. */
import { migrateLibsql, openLibsql } from '../src/adapters/db/libsql';
import { loadConfig } from '../src/config';

const config = loadConfig(process.env);
const database = await openLibsql(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
await migrateLibsql(database);
database.close();
console.log(`Migrated ${config.DATABASE_URL.replace(/\/\/[^@]*@/, '//***@')}`);
