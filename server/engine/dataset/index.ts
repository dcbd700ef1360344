export * from './training-row';
export * from './tokens';
export * from './filters';
export { pyJsonDumps } from './py-json';
