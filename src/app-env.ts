import type { Actor } from './auth/actor';
import type { Services } from './services';

/** Typed context variables shared by every route and middleware. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    services: Services;
    requestId: string;
  };
}
