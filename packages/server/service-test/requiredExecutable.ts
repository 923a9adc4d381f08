/**
 * The executables of the real services these tests start. A missing one fails the test with
 * its name and the Debian package that provides it: service tests never skip, since a skipped
 * service test reads as a pass.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Executable name -> the Debian (bookworm) package that installs it. */
export const SERVICE_EXECUTABLES = {
  prometheus: 'prometheus',
  promtool: 'prometheus',
  'prometheus-alertmanager': 'prometheus-alertmanager',
  chromium: 'chromium',
} as const;

export type ServiceExecutable = keyof typeof SERVICE_EXECUTABLES;

/** The absolute path of `name` on PATH; throws naming what is missing and how to install it. */
export function requiredExecutable(name: ServiceExecutable): string {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder; try the next.
    }
  }
  throw new Error(
    `missing executable '${name}' on PATH: install the Debian package ` +
      `'${SERVICE_EXECUTABLES[name]}' (npm run test:services installs it with apt)`,
  );
}
