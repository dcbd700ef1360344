export * from './recall';
export { splitlines } from './python-text';
