/**
 * The HTML report of several periods in Debian's Chromium (as report-html-browser.test.ts):
 * a line per area with a result, the target drawn as a step per round, small multiples per area.
 * Figures: fixtures/periods/README.md.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlReports } from './helpers/browser.js';

const PERIODS = ['compute', '--data', 'fixtures/periods', '--hospitals', 'fixtures/periods/hospitals.csv', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--lang', 'en'];

const reports = htmlReports();
afterAll(() => reports.close());
const open = reports.open;

/** Screen y of the middle of each element (SVG y grows downwards). */
async function ys(page: Page, selector: string): Promise<number[]> {
  const boxes = await page.locator(selector).evaluateAll((els) => els.map((e) => { const b = e.getBoundingClientRect(); return b.top + b.height / 2; }));
  return boxes;
}

describe('HTML report of all rounds in headless Chromium', () => {
  it('draws one line per area and the national line, and a target step at each round', async () => {
    const { page, requests } = await open([...PERIODS, '--by', 'province', '--rounds', 'all']);
    const big = 'section.indicator > svg.line-chart';
    expect(await page.locator(big).count()).toBe(1);
    // Khon Kaen, Chiang Mai and Thailand each have a result in every round.
    expect(await page.locator(`${big} path.line`).evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).toEqual(['40', '50', 'TH']);
    expect(await page.locator(`${big} path.line.national`).count()).toBe(1);
    // Targets 15, 30, 45, 60: four steps, each higher on screen than the one before, equally spaced.
    const steps = page.locator(`${big} line.target-step`);
    expect(await steps.evaluateAll((els) => els.map((e) => [e.getAttribute('data-period'), e.getAttribute('data-target')]))).toEqual([
      ['FY2567 R3', '15'], ['FY2567 R6', '30'], ['FY2567 R9', '45'], ['FY2567 R12', '60'],
    ]);
    const y = await ys(page, `${big} line.target-step`);
    expect(y[0]! - y[1]!).toBeGreaterThan(10);
    expect(y[1]! - y[2]!).toBeCloseTo(y[0]! - y[1]!, 0);
    expect(y[2]! - y[3]!).toBeCloseTo(y[0]! - y[1]!, 0);
    // Chiang Mai's R12 result (60.00) sits on the R12 target (60); its R3 result (50.00) is between.
    const dots = await ys(page, `${big} circle.dot`);
    // dots: Khon Kaen ×4, Chiang Mai ×4, Thailand ×4.
    expect(dots[7]!).toBeCloseTo(y[3]!, 0);
    // Small multiples at --by province: one per province and the national one.
    expect(await page.locator('figure.multiple').count()).toBe(3);
    expect(await page.locator('figure.multiple svg line.target-step').count()).toBe(12);
    // The table: one row per area, four period groups.
    expect(await page.locator('table.periods tbody tr').count()).toBe(3);
    expect(await page.locator('table.periods th.period').count()).toBe(4);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('by month at region level: a line per region with data, twelve steps, no small multiples', async () => {
    const { page } = await open([...PERIODS, '--by', 'region', '--months']);
    const big = 'section.indicator > svg.line-chart';
    // Region 1 (Chiang Mai) and region 7 (Khon Kaen) have results; the 11 other regions have none.
    expect(await page.locator(`${big} path.line`).evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).toEqual(['1', '7', 'TH']);
    expect(await page.locator(`${big} line.target-step`).count()).toBe(12);
    expect(await page.locator(`${big} line.target-riser`).count()).toBe(3);
    expect(await page.locator('figure.multiple').count()).toBe(0);
    await page.close();
  }, 60_000);
});
