import { readFileSync } from 'node:fs';

/**
 * The installed package's own version, so `kpi --version` cannot drift from package.json.
 * Read with node:fs alone: `kpi --version` loads nothing else (tests/startup.test.ts).
 */
export function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no "version"');
  return version;
}
