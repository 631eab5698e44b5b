/** `npm run seed`: fills an EMPTY database with the demo registry and prints the demo keys. */
import { isEmpty, seedDemo } from '../src/demo/seed';
import { fail, openForCli } from './cli';

const { config, database, app } = await openForCli();
if (config.NODE_ENV === 'production') fail('Refusing to seed demo data in production.');
if (!(await isEmpty(database.db)))
  fail('The database is not empty; the demo is seeded only into an empty one.');
const keys = await seedDemo(app.services);
await app.drainOutbox();
for (const k of keys) console.log(`${k.role.padEnd(11)} ${k.key.padEnd(28)} ${k.person}, ${k.organization}`);
database.close();
