export * from './follow-ups';
export * from './notifications';
export * from './organizations';
export * from './outbox';
export * from './participants';
export * from './placements';
export * from './rate-limits';
export * from './registry';
