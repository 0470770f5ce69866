import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';

const F = 'fixtures/diff';

describe('kpi diff --excel', () => {
  it('writes the CSV for Excel: BOM, CRLF, formula-safe names, numbers left as numbers', () => {
    const dir = tempDir();
    // Bangkok renamed to a formula in both files (area names come from hospitals files).
    for (const f of ['old.csv', 'new.csv']) writeFileSync(path.join(dir, f), readFileSync(path.join(F, f), 'utf8').replace(/Bangkok/g, '"=HYPERLINK(""x"")"'));
    const out = path.join(dir, 'diff.csv');
    const r = kpi(['diff', path.join(dir, 'old.csv'), path.join(dir, 'new.csv'), '--format', 'csv', '--excel', '--out', out]);
    expect(r.code).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFindicator,level,area_code,')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    // fixtures/diff/README.md: pct-up province 10 goes 1/4 = 25.00 → 3/4 = 75.00, +50.00.
    expect(text).toContain(`pct-up,province,10,"'=HYPERLINK(""x"")",improved,newly-passing,FY2567 Q1,FY2567 Q2,1,3,4,4,25.00,75.00,+50.00,`);
    // Samut Prakan falls by 20 points: the negative change stays a number.
    expect(text).toContain(',60.00,40.00,-20.00,');
  });

  it('is a usage error with another format (exit 2)', () => {
    const r = kpi(['diff', path.join(F, 'old.json'), path.join(F, 'new.json'), '--excel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--excel applies to --format csv');
  });
});
