import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The admin console (inbox now, the studio later): built to server/console/dist and served at /console/. */
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  build: {
    outDir: path.resolve(here, '../server/console/dist'),
    emptyOutDir: true,
    sourcemap: true,
  },
  // React's automatic JSX runtime without a plugin (no fast refresh needed for a production build)
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/api': { target: 'http://localhost:3000', ws: true } } },
});
