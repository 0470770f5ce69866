#!/usr/bin/env node
// Start-up of kpi against a bare Node: `kpi --version`, `kpi --help` and `kpi validate`
// (a small real command) against `node -e 0`, each a whole process under /usr/bin/time
// (wall seconds, peak RSS). Runs are interleaved (node, kpi --version, kpi --help, …, node,
// …) so that load on a shared machine falls on all alike; medians are printed as Markdown.
// Usage (from the repository root, after `npm run build`): node bench/startup.mjs [--runs 11]
// [--kpi OTHER/bin/kpi.js] (another build instead of this one) [--before OTHER/bin/kpi.js]
// (another build's kpi commands too, interleaved with this one's: a before and after in one run)
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const option = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const kpi = path.resolve(option('--kpi') ?? path.join(root, 'bin', 'kpi.js'));

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 11;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs N: a whole number, 1 or more');

const before = option('--before');

/** The kpi commands timed, for one build: two that answer at once and two small real ones. */
const kpiCases = (bin, label = '') => [
  { name: `kpi --version${label}`, argv: [bin, '--version'] },
  { name: `kpi --help${label}`, argv: [bin, '--help'] },
  { name: `kpi validate (the bundled templates)${label}`, argv: [bin, 'validate'] },
  { name: `kpi compute, the demo${label}`, argv: [bin, 'compute', '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--by', 'province', '--quiet'] },
];

const cases = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  ...kpiCases(kpi),
  ...(before ? kpiCases(path.resolve(before), ' (before)') : []),
];

/** One whole process: wall seconds (from here) and peak RSS in MB (from /usr/bin/time). */
function timed(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB %M', process.execPath, ...argv], { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH_RSS_KB (\d+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`node ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { wall, rssMb: Number(m[1]) / 1024 };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

const samples = cases.map(() => []);
timed(cases[1].argv); // warm the file cache once, untimed
for (let i = 0; i < runs; i++) cases.forEach((c, j) => samples[j].push(timed(c.argv)));

const base = { wall: median(samples[0].map((s) => s.wall)), rss: median(samples[0].map((s) => s.rssMb)) };
const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
console.log(`${path.relative(process.cwd(), kpi) || kpi}: Node ${process.version}, ${os.cpus().length} CPUs, load average at the end ${load}; median of ${runs} interleaved runs.\n`);
console.log('| command | wall s | × node -e 0 | peak RSS MB | above node -e 0 MB | runs, wall (s) |');
console.log('|---|---|---|---|---|---|');
cases.forEach((c, j) => {
  const wall = median(samples[j].map((s) => s.wall));
  const rss = median(samples[j].map((s) => s.rssMb));
  console.log(`| ${c.name} | ${wall.toFixed(3)} | ${(wall / base.wall).toFixed(2)} | ${rss.toFixed(1)} | ${(rss - base.rss).toFixed(1)} | ${samples[j].map((s) => s.wall.toFixed(2)).join(' ')} |`);
});
