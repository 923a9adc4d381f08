import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the dashboard: packages/web/dist, beside this package. */
export const DEFAULT_DASHBOARD_DIRECTORY = fileURLToPath(
  new URL('../../../web/dist', import.meta.url),
);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Built asset names carry a content hash, so they can be cached for good; index.html not. */
  readonly immutable: boolean;
}

/**
 * The built dashboard's files, read once at startup (a few hundred kilobytes), keyed by URL
 * path. Empty when the dashboard has not been built, and the server then says so at `/`.
 */
export function loadDashboardAssets(
  directory = DEFAULT_DASHBOARD_DIRECTORY,
): Map<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  if (!existsSync(join(directory, 'index.html'))) return assets;
  const visit = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) {
        visit(path);
        continue;
      }
      const urlPath = `/${relative(directory, path).split(sep).join('/')}`;
      assets.set(urlPath, {
        body: readFileSync(path),
        contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream',
        immutable: urlPath.startsWith('/assets/'),
      });
    }
  };
  visit(directory);
  return assets;
}
