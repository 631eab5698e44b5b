import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context';

/** Liveness: whether the database answers, at the app's clock. */
export function healthService(ctx: ServiceContext) {
  return {
    async check() {
      const database = await ctx.db
        .run(sql`select 1`)
        .then(() => 'ok' as const)
        .catch(() => 'unreachable' as const);
      return {
        status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
        database,
        time: ctx.now(),
      };
    },
  };
}
