export * from './training-row';
export * from './tokens';
export * from './filters';
export { pyJsonDumps } from './py-json';
export * from './mix';
export * from './token-spans';
export * from './step-timeline';
export * from './stored-body';
export * from './trajectory-view';
