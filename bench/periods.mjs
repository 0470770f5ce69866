#!/usr/bin/env node
// Issue 15: what several periods cost over one. Times `kpi compute` on the bench data with the bench
// templates for one period (round 12), all four rounds, the twelve cumulative months and the twelve
// months on their own, interleaved run by run so that load falls on all alike; prints medians
// (wall and CPU seconds, peak RSS) and each one's ratio to the single period. First checks that
// the R12 rows of the multi-period runs equal the single run (and M12 equals R12).
// Usage (from the repository root, after `npm run build` and `npm run bench:data`):
//   node bench/periods.mjs [--runs 5] [--data bench/data] [--before DIR]
// --before DIR also times one period with the kpi built in DIR (e.g. a checkout of main), to show
// that a single period costs what it did before several periods were possible.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

const opts = { runs: 5, data: path.join(here, 'data'), before: null };
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--runs') opts.runs = Number(process.argv[++i]);
  else if (process.argv[i] === '--data') opts.data = path.resolve(process.argv[++i]);
  else if (process.argv[i] === '--before') opts.before = path.resolve(process.argv[++i]);
  else throw new Error(`unknown option ${process.argv[i]} (use --runs N, --data DIR)`);
}

const CASES = [
  ['one period (--round 12)', ['--round', '12']],
  ['4 rounds (--rounds all)', ['--rounds', 'all']],
  ['12 months (--months)', ['--months']],
  ['12 months alone (--months --monthly)', ['--months', '--monthly']],
];
if (opts.before) CASES.push([`one period, kpi of ${opts.before}`, ['--round', '12'], opts.before]);

function run(extra, from = root) {
  const argv = [path.join(from, 'bin', 'kpi.js'), 'compute', '--templates', path.join(here, 'templates'),
    '--data', ...['PERSON.csv', 'NUTRITION.csv', 'ANC.csv', 'DEATH.txt'].map((f) => path.join(opts.data, f)),
    '--hospitals', path.join(opts.data, 'hospitals.csv'), '--fy', '2567', '--by', 'province', '--format', 'json', '--quiet', ...extra];
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH %M %U %S', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`kpi ${extra.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { wall, cpu: Number(m[2]) + Number(m[3]), rss: Number(m[1]) / 1024, stdout: r.stdout };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const numbers = (rows) => JSON.stringify(rows.map((r) => [r.indicator, r.level, r.area_code, r.a, r.b, r.result]));

// Check first: the same figures whichever way they are asked for.
const single = JSON.parse(run(CASES[0][1]).stdout).results;
const rounds = JSON.parse(run(CASES[1][1]).stdout).results.filter((r) => r.period === 'FY2567 R12');
const months = JSON.parse(run(CASES[2][1]).stdout).results.filter((r) => r.period === 'FY2567 M12');
if (JSON.stringify(rounds) !== JSON.stringify(single)) throw new Error('R12 of --rounds all differs from --round 12');
if (numbers(months) !== numbers(single)) throw new Error('M12 of --months differs from --round 12');
process.stdout.write(`checked: R12 of --rounds all and M12 of --months equal --round 12 (${single.length} rows)\n`);

const times = CASES.map(() => []);
for (let i = 0; i < opts.runs; i++) {
  CASES.forEach(([, extra, from], c) => times[c].push(run(extra, from)));
  process.stderr.write(`run ${i + 1} of ${opts.runs} done (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
}
const base = median(times[0].map((t) => t.wall));
const baseCpu = median(times[0].map((t) => t.cpu));
process.stdout.write('\n| periods | wall s | CPU s | peak RSS MB | × one period (wall) | × one period (CPU) | runs, wall (s) |\n|---|---|---|---|---|---|---|\n');
CASES.forEach(([name], c) => {
  const w = median(times[c].map((t) => t.wall));
  const cpu = median(times[c].map((t) => t.cpu));
  const rss = median(times[c].map((t) => t.rss));
  process.stdout.write(`| ${name} | ${w.toFixed(2)} | ${cpu.toFixed(2)} | ${rss.toFixed(0)} | ${(w / base).toFixed(2)} | ${(cpu / baseCpu).toFixed(2)} | ${times[c].map((t) => t.wall.toFixed(2)).join(' ')} |\n`);
});
process.stdout.write(`\nload average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);
