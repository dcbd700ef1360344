export * from './blob-store';
export { createFsBlobStore, realFsBlobDeps, type FsBlobStoreDeps } from './fs-blob-store';
export { createS3BlobStore, type S3BlobStoreConfig, type S3BlobStoreDeps } from './s3-blob-store';
export { signRequest, canonicalRequest, sha256Hex, EMPTY_SHA256, type SigV4Credentials, type SigV4Options, type SigV4Request } from './sigv4';
