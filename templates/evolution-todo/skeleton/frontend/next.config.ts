import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The image runs .next/standalone/server.js: only the traced files, no node_modules install.
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // In the cluster the Ingress routes /api to the backend. For `npm run dev`, set
  // BACKEND_URL=http://localhost:8000 to reach a local backend the same way.
  // (Rewrites are fixed at build time, so the image never carries one.)
  async rewrites() {
    const backendUrl = process.env.BACKEND_URL;
    return backendUrl
      ? [{ source: '/api/todos/:path*', destination: `${backendUrl}/api/todos/:path*` }]
      : [];
  },
};

export default nextConfig;
