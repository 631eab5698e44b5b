/**
 * The security headers every answer carries (API, pages, the docs, and the Node server's own early
 * refusals). Pages load scripts and styles only from their own origin, never inline, so the policy
 * needs no `unsafe-inline`; a page that needs another source (the docs' CDN on Workers) widens only
 * its own policy with `contentSecurityPolicy({ ... })`.
 */

export interface CspSources {
  script?: string[];
  style?: string[];
  img?: string[];
  connect?: string[];
}

export function contentSecurityPolicy(extra: CspSources = {}): string {
  const list = (more: string[] = []) => ["'self'", ...more].join(' ');
  return [
    "default-src 'self'",
    `script-src ${list(extra.script)}`,
    `style-src ${list(extra.style)}`,
    `img-src ${list(['data:', ...(extra.img ?? [])])}`,
    `connect-src ${list(extra.connect)}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
  ].join('; ');
}

export interface SecurityHeaderOptions {
  /** Strict-Transport-Security; off in development, where the service runs on plain http://localhost. */
  hsts: boolean;
}

/** Header name → value. `Cache-Control: no-store` is the default: answers may hold participant data. */
export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    'cache-control': 'no-store',
    ...(o.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
