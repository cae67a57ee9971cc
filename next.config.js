// Next.js configuration. better-sqlite3 is a native module: keep it out of the server bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'deepl-node'],
  poweredByHeader: false,
  experimental: {
    // Pasted articles go through a Server Action: 200,000 characters of German fit in 2 MB.
    serverActions: { bodySizeLimit: '2mb' },
  },
};

module.exports = nextConfig;
