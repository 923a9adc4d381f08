import { defineConfig } from 'vite';

// The dashboard is served by `fairwatch serve` from packages/web/dist; relative asset URLs keep it
// working behind a reverse proxy that mounts the server under a path.
export default defineConfig({
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
