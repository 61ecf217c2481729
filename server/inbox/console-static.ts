import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import type { AppContext } from '../context';

/** Where `npm run build:console` writes the admin console (Vite). */
export const consoleDistDir = path.resolve(__dirname, '..', 'console', 'dist');

/**
 * Serves the admin console (inbox today, the studio later) at /console/: hashed assets with long caching,
 * index.html for every other path (client-side routing), and a clear message when the build is missing.
 */
export function consoleRoutes(_ctx: AppContext, distDir = consoleDistDir): Router {
  const router = Router();
  router.use('/console/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use('/console', express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/^\/console(\/.*)?$/, (_req, res) => {
    const index = path.join(distDir, 'index.html');
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The admin console is not built. Run `npm run build:console` (npm install and npm start do it for you).\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
