import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The image runs .next/standalone/server.js: only the traced files, no node_modules install.
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // No `rewrites` for /api: Next.js fixes them at build time, so the image could not
  // follow BACKEND_URL. app/api/[...path]/route.ts proxies to it at run time instead.
};

export default nextConfig;
