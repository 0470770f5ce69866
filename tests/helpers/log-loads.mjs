// A module hook for tests/startup.test.ts: `node --import ./log-loads.mjs …` writes the URL of
// every module the process loads to stderr (`kpi-load URL`), so a test can read the module graph.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!r.url.startsWith('node:')) process.stderr.write('kpi-load ' + r.url + '\\n');
  return r;
}`));
