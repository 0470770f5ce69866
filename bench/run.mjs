#!/usr/bin/env node
// Runs `kpi compute` on the bench templates and the same three indicators in DuckDB, checks that
// both give the same A and B for every province and the country, then times each N times
// (whole processes: start-up, reading, computing, output) and prints medians as a Markdown table.
// Usage (from the repository root, after `npm run build` and `npm --prefix bench install`):
//   node bench/run.mjs [--runs 5] [--data bench/data] [--no-20] [--no-1]
// kpi runs with its default `--threads` (the core count); `--no-1` leaves out the `--threads 1` runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

function args() {
  const out = { runs: 5, data: path.join(here, 'data'), twenty: true, one: true };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--runs') out.runs = Number(a[++i]);
    else if (a[i] === '--data') out.data = path.resolve(a[++i]);
    else if (a[i] === '--no-20') out.twenty = false;
    else if (a[i] === '--no-1') out.one = false;
    else throw new Error(`unknown option ${a[i]} (use --runs N, --data DIR, --no-20, --no-1)`);
  }
  return out;
}

// FY 2567, round 12: the period every query uses.
const FY = '2567';
const PERIOD = ['20231001', '20240930'];
const FY_START = '20231001';

const fail = (msg) => { process.stderr.write(`bench: ${msg}\n`); process.exit(1); };

/** One whole process under /usr/bin/time: wall seconds, CPU seconds (user + system, all threads), peak RSS in MB, stdout. */
function timed(cmd, argv, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', 'BENCH_RSS_KB %M %U %S', cmd, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /BENCH_RSS_KB (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) fail(`${cmd} ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { wall, cpu: Number(m[2]) + Number(m[3]), rssMb: Number(m[1]) / 1024, stdout: r.stdout, stderr: r.stderr.slice(0, m.index) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

function kpiArgs(templates, data) {
  return [path.join(root, 'bin', 'kpi.js'), 'compute', '--templates', templates, '--data', ...['PERSON.csv', 'NUTRITION.csv', 'ANC.csv', 'DEATH.txt'].map((f) => path.join(data, f)),
    '--hospitals', path.join(data, 'hospitals.csv'), '--fy', FY, '--by', 'province', '--format', 'json'];
}

/** {indicator: {province or TH: {a, b}}} from kpi's JSON. */
function kpiFigures(stdout) {
  const out = {};
  for (const r of JSON.parse(stdout).results) {
    if (r.level !== 'province' && r.level !== 'country') continue;
    (out[r.indicator] ??= {})[r.area_code] = { a: r.a ?? 0, b: r.b ?? 0 };
  }
  return out;
}

/** DuckDB's per-province figures plus the country row (units not in the hospitals file count there only). */
function duckFigures(stdout) {
  const out = {};
  for (const [id, rows] of Object.entries(JSON.parse(stdout))) {
    const t = { a: 0, b: 0 };
    const m = {};
    for (const [prov, v] of Object.entries(rows)) {
      t.a += v.a; t.b += v.b;
      if (prov !== 'null') m[prov] = v;
    }
    m.TH = t;
    out[id] = m;
  }
  return out;
}

function compare(k, d) {
  const problems = [];
  let areas = 0;
  for (const id of new Set([...Object.keys(k), ...Object.keys(d)])) {
    const ka = k[id] ?? {}; const da = d[id] ?? {};
    for (const area of new Set([...Object.keys(ka), ...Object.keys(da)])) {
      areas++;
      const x = ka[area] ?? { a: 0, b: 0 }; const y = da[area] ?? { a: 0, b: 0 };
      if (x.a !== y.a || x.b !== y.b) problems.push(`${id} ${area}: kpi A=${x.a} B=${x.b}, DuckDB A=${y.a} B=${y.b}`);
    }
  }
  return { problems, areas };
}

/** 20 templates: the three bench ones and 17 variants (other thresholds, ages, ICD ranges) on the same tables. */
function twentyTemplates(dir) {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) writeFileSync(path.join(dir, f), '');
  const load = (n) => JSON.parse(readFileSync(path.join(here, 'templates', `${n}.json`), 'utf8'));
  const variants = [];
  const ow = load('bench-child-overweight');
  [18, 20, 23, 25, 27, 30].forEach((bmi, i) => variants.push(edit(ow, `ow${i}`, (t) => { t.measures.A.where = [t.measures.A.where[0].replace('>= 23', `>= ${bmi}`)]; })));
  variants.push(edit(ow, 'ow-young', (t) => { t.measures.B.where[1] = 'age_years(PERSON.BIRTH, DATE_SERV) between 2 and 5'; }));
  const anc = load('bench-anc-first-12wk');
  [10, 11, 12, 13, 14, 16, 20].forEach((ga, i) => variants.push(edit(anc, `anc${i}`, (t) => { t.measures.A.where = ["ANCNO = '1'", `num(GA) <= ${ga}`]; })));
  const dr = load('bench-drowning-under-15');
  [`'W65-W74'`, `'V01-V89'`, `'X34'`, `'W00-W19'`, `'I20-I25'`, `'C00-C97', 'J18'`].forEach((icd, i) => variants.push(edit(dr, `dr${i}`, (t) => { t.measures.A.where[1] = `icd10(CDEATH, ${icd})`; })));
  variants.forEach((t) => writeFileSync(path.join(dir, `${t.id}.json`), JSON.stringify(t, null, 2)));
  return variants.length;
}

function edit(t, suffix, change) {
  const c = structuredClone(t);
  c.id = `bench20-${suffix}`;
  change(c);
  return c;
}

function main() {
  const o = args();
  const metaFile = path.join(o.data, 'meta.json');
  if (!existsSync(metaFile)) fail(`no bench data in ${o.data}: run \`npm run bench:data -- --scale 1\` first`);
  if (!existsSync(path.join(here, 'node_modules', '@duckdb', 'node-api'))) fail('DuckDB is not installed for the bench: run `npm --prefix bench install` first');
  if (!existsSync(path.join(root, 'dist', 'bundle', 'run.js'))) fail('kpi is not built: run `npm run build` first');
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  const rows = Object.values(meta.files).reduce((s, f) => s + f.rows, 0);
  const mb = Object.values(meta.files).reduce((s, f) => s + f.bytes, 0) / 1e6;
  const kpi3 = kpiArgs(path.join(here, 'templates'), o.data);
  const duck = [path.join(here, 'duck.mjs'), o.data, PERIOD[0], PERIOD[1], FY_START, '2'];
  const floor = [path.join(here, 'floor.mjs'), o.data];

  // Correctness first: the figures must agree before their times mean anything.
  const k = timed(process.execPath, kpi3, root);
  const d = timed(process.execPath, duck, here);
  const { problems, areas } = compare(kpiFigures(k.stdout), duckFigures(d.stdout));
  if (problems.length > 0) fail(`kpi and DuckDB disagree:\n${problems.slice(0, 20).join('\n')}`);
  process.stderr.write(`bench: kpi and DuckDB agree on A and B for ${areas} indicator × area rows\n`);
  checkFloor(timed(process.execPath, floor, here).stdout, meta);

  const runs = { kpi: [], duck: [], floor: [], kpi20: [], kpi1: [] };
  const kpi1 = o.one ? [...kpi3, '--threads', '1'] : null;
  const load = [os.loadavg()[0]];
  let n20 = 0;
  let kpi20 = null;
  if (o.twenty) {
    const dir = path.join(o.data, 'templates20');
    n20 = twentyTemplates(dir);
    kpi20 = kpiArgs(dir, o.data);
  }
  // Interleaved, so that load from other work on the machine falls on all of them alike.
  for (let i = 0; i < o.runs; i++) {
    runs.kpi.push(timed(process.execPath, kpi3, root));
    runs.duck.push(timed(process.execPath, duck, here));
    runs.floor.push(timed(process.execPath, floor, here));
    if (kpi20) runs.kpi20.push(timed(process.execPath, kpi20, root));
    if (kpi1) runs.kpi1.push(timed(process.execPath, kpi1, root));
    load.push(os.loadavg()[0]);
    process.stderr.write(`bench: run ${i + 1}/${o.runs}: kpi ${runs.kpi[i].wall.toFixed(2)} s, DuckDB ${runs.duck[i].wall.toFixed(2)} s, floor ${runs.floor[i].wall.toFixed(2)} s${kpi20 ? `, kpi ×${n20} ${runs.kpi20[i].wall.toFixed(2)} s` : ''}${kpi1 ? `, kpi --threads 1 ${runs.kpi1[i].wall.toFixed(2)} s` : ''}, load ${load[i + 1].toFixed(1)}\n`);
  }
  const stat = (list) => ({ wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)), rss: median(list.map((r) => r.rssMb)), rssMax: Math.max(...list.map((r) => r.rssMb)), walls: list.map((r) => r.wall) });
  const K = stat(runs.kpi); const D = stat(runs.duck);
  const line = (name, s) => `| ${name} | ${s.wall.toFixed(2)} | ${s.cpu.toFixed(2)} | ${(rows / s.wall / 1e6).toFixed(2)} M | ${(mb / s.wall).toFixed(0)} | ${s.rss.toFixed(0)} (max ${s.rssMax.toFixed(0)}) | ${(s.wall / D.wall).toFixed(2)} | ${s.walls.map((w) => w.toFixed(2)).join(' ')} |`;
  const out = [
    `### SCALE ${meta.scale}: ${Object.entries(meta.files).map(([t, f]) => `${t} ${f.rows.toLocaleString('en')}`).join(', ')} rows; ${mb.toFixed(0)} MB`,
    '',
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z; median of ${o.runs} runs, whole processes, kpi with its default --threads ${os.availableParallelism()}; load average (1 min) ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)} during the runs. A and B agree for all ${areas} indicator × area rows.`,
    '',
    '| engine | wall s | CPU s | rows/s | MB/s | peak RSS MB | × DuckDB (wall) | runs, wall (s) |',
    '|---|---|---|---|---|---|---|---|',
    line('kpi, 3 templates', K),
    line('DuckDB, 3 queries, 2 threads', D),
    line('JS floor: 2 threads, each byte looked at once (`floor.mjs`)', stat(runs.floor)),
  ];
  if (kpi20) {
    const T = stat(runs.kpi20);
    out.push(line(`kpi, ${n20} templates`, T));
    if (kpi1) out.push(line('kpi, 3 templates, --threads 1', stat(runs.kpi1)));
    out.push('', `${n20} templates / 3 templates: ${(T.wall / K.wall).toFixed(2)}`);
  } else if (kpi1) out.push(line('kpi, 3 templates, --threads 1', stat(runs.kpi1)));
  out.push('', pairedRatio('kpi / DuckDB', runs.kpi, runs.duck), '', pairedRatio('JS floor / DuckDB', runs.floor, runs.duck), '', pairedRatio('kpi / JS floor', runs.kpi, runs.floor));
  // What the second thread costs in CPU (issue 18 part 11): 1.00 would be a free split.
  if (kpi1) out.push('', pairedRatio(`kpi CPU, --threads ${os.availableParallelism()} / --threads 1`, runs.kpi, runs.kpi1, 'cpu'));
  process.stdout.write(out.join('\n') + '\n');
}

/**
 * One engine over another within each run, the two run back to back: on a host whose speed
 * drifts by ±10 % from minute to minute, the median of these moves less than the ratio of medians.
 */
function pairedRatio(name, a, b, of = 'wall') {
  const r = a.map((x, i) => x[of] / b[i][of]);
  return `${name} within each run: median ${median(r).toFixed(3)} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}) over ${r.length} runs`;
}

/** The floor must have looked at every line: each file's rows and its header. */
function checkFloor(stdout, meta) {
  const got = JSON.parse(stdout);
  for (const [table, f] of Object.entries(meta.files)) {
    if (got[table]?.lines !== f.rows + 1) fail(`floor.mjs counted ${got[table]?.lines} lines in ${table}, not ${f.rows + 1}`);
  }
}

main();
