/**
 * `npm run create-key -- --org <org_id> --name "Anna Lind" --email anna@example.se --role handler`
 * Issues an API key from the command line (as the platform) and prints it once.
 */
import { parseArgs } from 'node:util';
import { roles } from '../db/schema';
import { platformActor } from '../src/auth/actor';
import { Email } from '../src/domain/fields';
import { ApiError } from '../src/lib/problem';
import { fail, openForCli } from './cli';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    role: { type: 'string' },
  },
});
const { org, name, email, role } = values;
if (!org || !name || !email || !role)
  fail('Usage: npm run create-key -- --org <org_id> --name "<person>" --email <email> --role <role>');
if (!(roles as readonly string[]).includes(role)) fail(`--role must be one of ${roles.join(', ')}`);
const parsedEmail = Email.safeParse(email);
if (!parsedEmail.success) fail('--email must be an email address');

const { database, app } = await openForCli();
try {
  const issued = await app.services.apiKeys.issue(platformActor, org, {
    name,
    email: parsedEmail.data,
    role: role as (typeof roles)[number],
  });
  await app.drainOutbox();
  console.log(
    `Key for ${issued.user.name} (${issued.user.role}) in ${issued.organizationId}:\n\n  ${issued.key}\n`,
  );
  console.log('It is shown only now; store it safely.');
} catch (err) {
  fail(err instanceof ApiError ? `${err.status}: ${err.message}` : String(err));
} finally {
  database.close();
}
