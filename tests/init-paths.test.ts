import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromConfigFolder, intoConfigFolder } from '../src/cli/paths.js';
import { DEMO, DEMO_HOSPITALS, kpiIn } from './helpers/demo.js';
import { tempDir } from './helpers/cli.js';

describe('config paths on Windows (path.win32)', () => {
  const w = path.win32;
  it('reads a relative path from the config file\'s folder, whatever the working folder', () => {
    expect(fromConfigFolder('exports\\2567', 'C:\\kpi', 'C:\\Users\\officer', w)).toBe('..\\..\\kpi\\exports\\2567');
    expect(fromConfigFolder('exports/2567', 'C:\\kpi', 'C:\\kpi', w)).toBe('exports\\2567');
    expect(w.resolve('C:\\Users\\officer', fromConfigFolder('hospitals.csv', 'D:\\kpi', 'C:\\Users\\officer', w))).toBe('D:\\kpi\\hospitals.csv');
  });
  it('keeps drive-letter and UNC paths as they are', () => {
    expect(fromConfigFolder('D:\\f43', 'C:\\kpi', 'C:\\', w)).toBe('D:\\f43');
    expect(fromConfigFolder('\\\\server\\share\\f43', 'C:\\kpi', 'C:\\', w)).toBe('\\\\server\\share\\f43');
    expect(intoConfigFolder('D:\\f43\\hospitals.csv', 'C:\\kpi', 'C:\\kpi', w)).toBe('D:\\f43\\hospitals.csv');
  });
  it('writes a relative path with forward slashes, relative to where the config goes', () => {
    expect(intoConfigFolder('exports\\2567', 'conf', 'C:\\kpi', w)).toBe('../exports/2567');
    expect(intoConfigFolder('.', '.', 'C:\\kpi', w)).toBe('.');
  });
});

describe('kpi init', () => {
  it('writes a commented config that compute then uses with no flags', () => {
    const dir = tempDir();
    const init = kpiIn(dir, ['init', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--by', 'province', '--lang', 'en', '--format', 'csv']);
    expect(init.code, init.stderr).toBe(0);
    const text = readFileSync(path.join(dir, 'kpi.config.json'), 'utf8');
    expect(text).toMatch(/^ {2}\/\/ .*region, province, district or unit/m);
    expect(text).toContain(`"by": "province"`);
    const r = kpiIn(dir, ['compute', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    // fixtures/demo/README.md: Khon Kaen B=2, A=1 → 50.00.
    expect(r.stdout.split('\n')[1]).toMatch(/^anc-first-visit-12wk,[^,]+,province,40,Khon Kaen,1,2,50.00,/);
  });

  it('reads the file saved with CRLF line ends (Notepad)', () => {
    const dir = tempDir();
    expect(kpiIn(dir, ['init', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--format', 'csv', '--lang', 'en']).code).toBe(0);
    const file = path.join(dir, 'kpi.config.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    const r = kpiIn(dir, ['compute', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(',province,40,Khon Kaen,1,2,50.00,');
  });

  it('refuses to replace a file without --force (exit 2)', () => {
    const dir = tempDir();
    expect(kpiIn(dir, ['init']).code).toBe(0);
    const again = kpiIn(dir, ['init', '--by', 'district']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('kpi.config.json exists; use --force');
    expect(kpiIn(dir, ['init', '--by', 'district', '--force']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'kpi.config.json'), 'utf8')).toContain('"by": "district"');
  });
});
