import path from 'node:path';

/**
 * Paths in a config file are relative to the file's folder, so that a scheduled job finds its
 * data from any working directory. The platform's path module is a parameter so that Windows
 * paths (drive letters, backslashes, UNC shares) are tested on any machine with `path.win32`.
 */
export function fromConfigFolder(p: string, folder: string, cwd: string, pm: path.PlatformPath = path): string {
  if (pm.isAbsolute(p)) return p;
  return pm.relative(cwd, pm.resolve(cwd, folder, p)) || '.';
}

/** How `kpi init` writes a path given on its command line into a config file kept in `folder`. */
export function intoConfigFolder(p: string, folder: string, cwd: string, pm: path.PlatformPath = path): string {
  // Given absolute (D:\f43, /srv/f43), it stays so: the config may be copied elsewhere.
  if (pm.isAbsolute(p)) return p;
  const absolute = pm.resolve(cwd, p);
  // Forward slashes read the same on Windows and need no escaping in JSON.
  return (pm.relative(pm.resolve(cwd, folder), absolute) || '.').split(pm.sep).join('/');
}
