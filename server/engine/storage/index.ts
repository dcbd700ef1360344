export * from './blob-store';
export { createFsBlobStore, realFsBlobDeps, type FsBlobStoreDeps } from './fs-blob-store';
