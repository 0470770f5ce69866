// `npm run build`, after tsc: bundles dist/ into dist/bundle/, which bin/kpi.js runs.
//
// Why: Node 20 loads ES modules one file at a time (resolve, stat, read, compile), and a
// `kpi compute` run loaded 216 files (ours, zod's, csv-parse's), on one core before the first
// row; bundled it loads 48, and `kpi compute --help` takes 0.21 s instead of 0.37 s
// (bench/RESULTS.md, issue 18 part 10). Code splitting keeps what each command loads lazily
// in chunks of its own: `kpi --version` loads `run.js` and three small chunks, and a table run
// never loads the xlsx writer.
//
// The entry points keep their names in one folder, as tsc's layout keeps them one folder
// below the root: `new URL('./thread.js', import.meta.url)` finds the counting thread's entry
// and `../../package.json`, `../../templates/` and `../../reference/` still resolve.
// Packages left out are CommonJS (they `require` Node's modules, which an ES bundle cannot) or
// load only for one command (exceljs, the database clients, DuckDB's native addon).
// `dist/bundle-meta.json` (not shipped) says which source modules went into which file
// (tests/startup.test.ts reads it).
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const OUT = 'dist/bundle';

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  entryPoints: ['dist/cli/run.js', 'dist/engine/thread.js', 'dist/parallel/range-worker.js'],
  outdir: OUT,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['commander', 'exceljs', 'yauzl', 'pg', 'pg-copy-streams', 'mysql2', '@duckdb/node-api'],
  metafile: true,
  logLevel: 'warning',
});
writeFileSync('dist/bundle-meta.json', JSON.stringify(result.metafile));
// A CommonJS module bundled here would fail only when a run reaches its `require`: fail the
// build instead, naming what to add to `external`.
const commonJs = Object.entries(result.metafile.inputs).filter(([, i]) => i.format === 'cjs').map(([file]) => file);
if (commonJs.length > 0) {
  console.error(`scripts/bundle.mjs: CommonJS bundled (add its package to \`external\`): ${commonJs.join(', ')}`);
  process.exit(1);
}
