import type { AppEnv } from '../app-env';
import type { ParticipantSession } from '../services/participant-access';
import type { WebSession } from '../services/web-sessions';
import type { Catalogue, Lang } from './i18n';

/** What every page handler can read from `c.var`, beside the app's own (services, request id, …). */
export interface PageEnv {
  Variables: AppEnv['Variables'] & {
    /** The signed-in person, or null on public pages (sign-in). */
    session: WebSession | null;
    /** The session cookie's token (to sign out), or null. */
    sessionToken: string | null;
    /** A participant signed in with an access code on this device (src/pages/me), or null. */
    participantSession: ParticipantSession | null;
    participantToken: string | null;
    lang: Lang;
    /** The texts of the chosen language. */
    t: Catalogue;
    /** The token every form of this page carries (src/pages/csrf.ts). */
    csrfToken: string;
    /** Where people reach the service (PUBLIC_BASE_URL, no trailing slash): links meant to leave the screen (QR codes). */
    publicBaseUrl: string;
  };
}
