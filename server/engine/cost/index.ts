export * from './per-trajectory';
export * from './estimate';
