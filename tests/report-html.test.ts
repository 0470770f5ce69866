import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { esc } from '../src/report/escape.js';
import { niceScale } from '../src/report/bar-chart.js';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_ARGS, hospitalsNamed } from './helpers/demo.js';

describe('--format html', () => {
  it('is one self-contained page: inline style and SVG, no script, nothing fetched', () => {
    const r = kpi([...DEMO_ARGS, '--format', 'html']);
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="th">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(3);
    expect(html).toContain('ปีงบประมาณ 2567 รอบ 12 เดือน');
    expect(html).toContain('<li>fixtures/demo/ANC.csv <span class="muted">(ANC, 16 ');
    // ANC Khon Kaen 1/2 (hand-counted in report-xlsx.test.ts): its bar and its table cell.
    expect(html).toContain('<title>ขอนแก่น: 50.00</title>');
  });

  it('speaks English with --lang en', () => {
    const html = kpi([...DEMO_ARGS, '--format', 'html', '--lang', 'en']).stdout;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Indicator results</h1>');
    expect(html).toContain('Pregnant women with a first antenatal visit at ≤ 12 weeks');
  });

  it('escapes area names that come from the hospitals file', () => {
    const hospitals = hospitalsNamed({ '10001': '<img src=x onerror=alert(1)> & "q"' });
    const r = kpi(['compute', '--data', DEMO, '--hospitals', hospitals, '--fy', '2567', '--by', 'unit', '--format', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
  });

  it('writes the file atomically with --out and nothing on stdout', () => {
    const out = path.join(tempDir(), 'r.html');
    const r = kpi([...DEMO_ARGS, '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('</html>');
  });
});

describe('html helpers', () => {
  it('esc covers the five HTML specials', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('niceScale ends the axis on a 1-2-5 step at or above the top value', () => {
    expect(niceScale(100)).toEqual({ max: 100, step: 20 });
    // 62.5 / 5 = 12.5 per step: 20 is the first of 10, 20, 50 at or above it; 4 steps reach 80.
    expect(niceScale(62.5)).toEqual({ max: 80, step: 20 });
    expect(niceScale(100000)).toEqual({ max: 100000, step: 20000 });
    expect(niceScale(0)).toEqual({ max: 1, step: 0.2 });
  });
});
