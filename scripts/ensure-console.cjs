// Builds the admin console when its build is missing (npm start runs this first), so the README's two
// commands are enough. Skips quietly when Vite is not installed (production installs without dev deps
// must build the console at image build time: npm run build:console).
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const index = path.join(root, 'server', 'console', 'dist', 'index.html');
const force = process.argv.includes('--force');
if (!force && fs.existsSync(index)) process.exit(0);
let vite;
try {
  vite = path.join(path.dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
} catch {
  console.error('admin console: vite is not installed, skipping the console build (run npm run build:console after installing dev dependencies)');
  process.exit(0);
}
try {
  execFileSync(process.execPath, [vite, 'build', '--config', path.join(root, 'console', 'vite.config.mts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
} catch (error) {
  console.error(`admin console: the build failed (${error.message}); the server still starts and /console/ explains how to build it`);
  process.exit(force ? 1 : 0);
}
