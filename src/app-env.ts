import type { Actor } from './auth/actor';
import type { Services } from './services';

/** Typed context variables shared by every route and middleware. */
export interface AppEnv {
  Variables: {
    actor: Actor;
    services: Services;
    requestId: string;
    /** The client's network address as the entry point sees it (rate limits); `unknown` when it cannot tell. */
    clientAddress: string;
  };
}
