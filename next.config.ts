import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite ships a WASM build of Postgres and postgres.js opens raw sockets: both must load from
  // node_modules at run time rather than be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
