#!/usr/bin/env node
// `kpi compute --db duckdb:FILE` against the streaming engine on the same data: the database
// side is load time (`kpi load`, once per run into a fresh file) + query time (`kpi compute
// --db`). Checks first that both give the same csv, then times each N times (whole processes)
// and prints medians as a Markdown table.
// Usage (from the repository root, after `npm run build` and `npm run bench:data -- --scale 1`):
//   node bench/db.mjs [--runs 3] [--data bench/data]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const a = process.argv.slice(2);
const runs = a.includes('--runs') ? Number(a[a.indexOf('--runs') + 1]) : 3;
const data = a.includes('--data') ? path.resolve(a[a.indexOf('--data') + 1]) : path.join(here, 'data');
const kpi = path.join(root, 'bin', 'kpi.js');
const common = ['--templates', path.join(here, 'templates'), '--hospitals', path.join(data, 'hospitals.csv'), '--fy', '2567', '--by', 'province', '--format', 'csv', '--quiet'];

function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB %M', process.execPath, kpi, ...argv], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) { process.stderr.write(r.stderr); process.exit(1); }
  const rss = Number(/BENCH_RSS_KB (\d+)\s*$/.exec(r.stderr)?.[1] ?? 0) / 1024;
  return { wall, rss, out: r.stdout };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-bench-db-'));
const db = (i) => `duckdb:${path.join(dir, `run${i}.duckdb`)}`;
const rows = { stream: [], load: [], query: [] };
try {
  for (let i = 0; i < runs; i++) {
    const s = timed(['compute', '--data', data, ...common]);
    const l = timed(['load', '--db', db(i), '--data', data]);
    const q = timed(['compute', '--db', db(i), ...common]);
    if (q.out !== s.out) { process.stderr.write('bench: --db and --data differ\n'); process.exit(1); }
    rows.stream.push(s); rows.load.push(l); rows.query.push(q);
    rmSync(path.join(dir, `run${i}.duckdb`), { force: true });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const line = (name, xs) => `| ${name} | ${median(xs.map((x) => x.wall)).toFixed(2)} | ${Math.round(median(xs.map((x) => x.rss)))} | ${xs.map((x) => x.wall.toFixed(2)).join(' ')} |`;
const sum = rows.load.map((l, i) => ({ wall: l.wall + rows.query[i].wall, rss: Math.max(l.rss, rows.query[i].rss) }));
console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}; both give the same csv (${rows.stream[0].out.split('\n').length - 1} lines)\n`);
console.log('| run | wall s (median) | peak RSS MB | runs (s) |\n|---|---|---|---|');
console.log(line('kpi compute --data (streaming)', rows.stream));
console.log(line('kpi load --db duckdb:FILE', rows.load));
console.log(line('kpi compute --db duckdb:FILE', rows.query));
console.log(line('load + query', sum));
