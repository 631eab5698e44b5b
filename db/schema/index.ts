export * from './organizations';
export * from './outbox';
export * from './participants';
export * from './registry';
