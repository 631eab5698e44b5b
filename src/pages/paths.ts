/** Paths that belong to the API and its reference, never to a page. */
export const isApiPath = (path: string) =>
  path === '/v1' ||
  path.startsWith('/v1/') ||
  path === '/openapi.json' ||
  path === '/docs' ||
  path.startsWith('/docs/') ||
  path === '/health';
