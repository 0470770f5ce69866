/**
 * What each command does, in one line: its `--help` description and its line in the top-level
 * help, which lists commands without loading them (`main.ts`).
 */
export const SUMMARY = {
  compute: 'compute indicators and print or write the result tables',
  validate: 'check template files and report every error with file, JSON path and a caret under the spot',
  diff: 'compare two result files of compute (e.g. two quarters); exit 1 when something moved',
  check: 'data-quality report on exports (what compute would skip and why), without computing indicators',
  list: 'list the indicators of a template folder: id, title, level, unit, target; with --data, which of them the export can compute',
  explain: "show one indicator in plain words: A, B, filters, formula, target, scoring; with --data and --area, that area's arithmetic",
  cases: 'the persons behind a number: who is in B but not in A, for follow-up (or A, or B)',
  merge: 'combine unit results of separate runs (one per province) and roll them up as one run',
  sql: 'print each template as one SQL query (per unit: indicator, hospcode, a, b) for DuckDB, PostgreSQL, MySQL/MariaDB or Spark',
  load: 'load 43-file exports into a database (merged by key and D_UPDATE, DATA_CORRECT applied) for compute --db',
  init: 'write a commented kpi.config.json for kpi compute from these flags (asks nothing)',
} as const;
