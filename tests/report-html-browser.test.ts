/**
 * The HTML report in a real browser: Debian's `chromium` (installed by .ci/run), driven by
 * playwright-core, never a downloaded browser. No browser is a failure, not a skip.
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROVINCES } from '../src/area/provinces.js';
import { tempDir } from './helpers/cli.js';
import { DEMO, DEMO_ARGS, hospitalsNamed } from './helpers/demo.js';
import { htmlReports } from './helpers/browser.js';

const reports = htmlReports();
afterAll(() => reports.close());
const open = reports.open;

describe('HTML report in headless Chromium', () => {
  it('shows one chart per indicator with a bar per area and the national bar, and a screenshot', async () => {
    const { page, dir, requests } = await open(DEMO_ARGS);
    const charts = page.locator('section.indicator svg.chart');
    expect(await charts.count()).toBe(3);
    // Province level: Khon Kaen, Chiang Mai and Lamphun have data for all three demo indicators, plus the national row.
    for (let i = 0; i < 3; i++) {
      expect(await charts.nth(i).locator('rect.bar').count()).toBe(4);
      expect(await charts.nth(i).locator('line.target').count()).toBe(1);
    }
    expect(await page.locator('section.indicator table.results tbody tr').count()).toBe(12);
    expect(await page.locator('table.grid tbody tr').count()).toBe(3);
    // The bars are drawn with a size: ANC Khon Kaen (50.00) is half of Lamphun (100.00) on a 0–100 axis.
    const anc = charts.nth(0);
    const width = async (code: string) => (await anc.locator(`rect.bar[data-area="${code}"]`).boundingBox())!.width;
    expect(await width('40')).toBeCloseTo((await width('51')) / 2, 0);
    expect(requests).toEqual([]);
    const shot = path.join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  }, 60_000);

  it('draws bars only where there is a result (regions without data keep their row)', async () => {
    const { page } = await open([...DEMO_ARGS.slice(0, -2), '--by', 'region', '--indicator', 'anc-first-visit-12wk']);
    const chart = page.locator('svg.chart');
    expect(await chart.count()).toBe(1);
    // ANC by region: region 1 (Chiang Mai + Lamphun) and region 7 (Khon Kaen) have B > 0, and the national row.
    expect(await chart.locator('rect.bar').count()).toBe(3);
    expect(await chart.locator('text.area').count()).toBe(14);
    await page.close();
  }, 60_000);

  it('shows a hostile unit name as text, not markup', async () => {
    const hospitals = hospitalsNamed({ '10001': '<img src=x onerror=document.title=1>' });
    const { page, requests } = await open(['compute', '--data', DEMO, '--hospitals', hospitals, '--fy', '2567', '--by', 'unit', '--indicator', 'anc-first-visit-12wk']);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('table.results').innerText()).toContain('<img src=x onerror=document.title=1>');
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps the label column in view on a 77-province grid, and prints it turned to fit A4 landscape', async () => {
    const { page, dir } = await open(['compute', ...everyProvince(), '--fy', '2567', '--by', 'province', '--indicator', 'anc-first-visit-12wk']);
    const screen = page.locator('.screen-grid');
    expect(await screen.locator('thead th').count()).toBe(1 + 77 + 1);
    await screen.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    const box = (await screen.boundingBox())!;
    const label = (await screen.locator('tbody th.label').first().boundingBox())!;
    expect(Math.abs(label.x - box.x)).toBeLessThanOrEqual(1);
    // The last province column (96 Narathiwat) and the total are in view next to the label.
    const last = (await screen.locator('thead th').last().boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(last.x).toBeGreaterThan(label.x + label.width);
    const shot = path.join(dir, 'grid-scrolled.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);

    await page.emulateMedia({ media: 'print' });
    expect(await screen.isVisible()).toBe(false);
    const printed = page.locator('.print-grid table.grid');
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.locator('tbody tr').count()).toBe(78);
    // A4 landscape less 2 × 8 mm margins: 281 mm = 1062 CSS px.
    expect((await printed.boundingBox())!.width).toBeLessThanOrEqual(1062);
    await page.close();
  }, 120_000);
});

/**
 * Generated data covering all 77 provinces: one unit each (HOSPCODE = province code + 001,
 * district 01), two pregnant residents with a first ANC visit, of whom the first is at GA 10.
 */
function everyProvince(): string[] {
  const dir = tempDir('kpi-77-');
  const provinces = [...PROVINCES.keys()];
  expect(provinces).toHaveLength(77);
  const units = provinces.map((p) => `${p}001`);
  writeFileSync(path.join(dir, 'hospitals.csv'), ['HOSPCODE,NAME,CHANGWAT,AMPUR', ...units.map((u, i) => `${u},unit ${u},${provinces[i]},01`)].join('\n') + '\n');
  writeFileSync(path.join(dir, 'PERSON.csv'), ['HOSPCODE,PID,SEX,BIRTH,DISCHARGE,TYPEAREA,D_UPDATE', ...units.flatMap((u) => [1, 2].map((pid) => `${u},${pid},2,19950101,9,1,20231001000000`))].join('\n') + '\n');
  writeFileSync(path.join(dir, 'ANC.csv'), ['HOSPCODE,PID,SEQ,DATE_SERV,ANCNO,GA,D_UPDATE', ...units.flatMap((u) => [1, 2].map((pid) => `${u},${pid},${pid},20240115,1,${pid === 1 ? 10 : 14},20240115000000`))].join('\n') + '\n');
  // Both women of each unit delivered in FY2567: B 2, A 1 (first ANC at GA 10 and GA 14).
  writeFileSync(path.join(dir, 'LABOR.csv'), ['HOSPCODE,PID,GRAVIDA,BDATE,BTYPE,D_UPDATE', ...units.flatMap((u) => [1, 2].map((pid) => `${u},${pid},1,20240801,1,20240802000000`))].join('\n') + '\n');
  return ['--data', path.join(dir, 'PERSON.csv'), path.join(dir, 'ANC.csv'), path.join(dir, 'LABOR.csv'), '--hospitals', path.join(dir, 'hospitals.csv')];
}
