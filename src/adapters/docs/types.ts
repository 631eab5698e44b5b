/** The API reference's two Swagger UI assets, which an entry point may serve from a local copy. */
export const docsAssetNames = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
export type DocsAssetName = (typeof docsAssetNames)[number];
/** Reads one of the assets (Node passes a reader over node_modules/swagger-ui-dist). */
export type DocsAssets = (name: DocsAssetName) => Promise<string>;
