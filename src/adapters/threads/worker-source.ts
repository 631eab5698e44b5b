/**
 * The code a server thread starts with (`new Worker(source, { eval: true })`): its entry imported, and
 * for a TypeScript entry (the source run through tsx) tsx registered first, since a worker does not
 * inherit the loader the process was started with.
 */
export function workerSource(entry: URL): string {
  return entry.pathname.endsWith('.ts')
    ? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`
    : `import(${JSON.stringify(entry.href)})`;
}
