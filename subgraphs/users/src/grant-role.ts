/**
 * Grants (or with --revoke, removes) a role: `bun run --cwd subgraphs/users grant-role <email> <role>`.
 * This is how the first admin is made. Connects with the same DATABASE_URL as the service.
 */
import { createLogger, createOrm, connectBus, startOutboxRelay } from '@startales/kit';
import { ROLES, isRole } from '@startales/contracts';
import { loadConfig } from './config.ts';
import { entities } from './entities/index.ts';
import { migrations } from '../migrations/index.ts';
import { User } from './entities/user.entity.ts';
import { CLI_ACTOR, recordRoleChange } from './modules/account/roles.ts';

const args = Bun.argv.slice(2);
const revoke = args.includes('--revoke');
const [email, role] = args.filter((a) => !a.startsWith('--'));
if (!email || !role || !isRole(role.toLowerCase())) {
  console.error(`usage: grant-role <email> <role> [--revoke]   (role: ${ROLES.join(', ')})`);
  process.exit(2);
}
const config = loadConfig();
const logger = createLogger({ service: 'users-cli', level: 'warn' });
const orm = await createOrm({ url: config.DATABASE_URL, schema: 'users', entities, migrations, logger });
let code = 0;
try {
  const em = orm.em.fork();
  const user = await em.findOne(User, { email: email.trim().toLowerCase() });
  if (!user) {
    console.error(`no account with email ${email}`);
    code = 1;
  } else {
    const r = role.toLowerCase();
    const before = [...user.roles];
    user.roles = revoke ? user.roles.filter((x) => x !== r) : [...new Set([...user.roles, r])];
    // the same audit row and event as the setUserRoles mutation
    if (before.length !== user.roles.length || before.some((r) => !user.roles.includes(r))) {
      recordRoleChange(em, { actor: CLI_ACTOR, userId: user.id, before, after: user.roles });
    }
    await em.flush();
    console.log(`${user.handle} <${user.email}> roles: ${user.roles.join(', ')}`);
    console.log('The change applies to access tokens issued from now on (sign in again or refresh).');
    if (!revoke && ['moderator', 'admin', 'finance'].includes(r)) {
      console.log(`The ${r} role reaches a token only once the account has enabled MFA (enrollMfa, confirmMfa).`);
    }
    try {
      const bus = await connectBus({ url: config.NATS_URL, ns: config.NATS_NAMESPACE, name: 'users-cli' });
      await startOutboxRelay({ orm, bus, logger }).stop();
      await bus.close();
    } catch {
      // the running users service publishes the queued event when NATS is unavailable to the CLI
    }
  }
} finally {
  await orm.close();
}
process.exit(code);
