/**
 * The HTML report in a real browser: Debian's `chromium` (installed by .ci/run), driven by
 * playwright-core, never a downloaded browser. No browser is a failure, not a skip.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { kpi, tempDir } from './cli.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedReport {
  readonly page: Page;
  readonly dir: string;
  /** Every request that is not the report file itself (there must be none). */
  readonly requests: string[];
}

/** One browser per test file, launched by the first `open`; `close` in the file's afterAll. */
export function htmlReports(): { open(args: readonly string[]): Promise<OpenedReport>; close(): Promise<void> } {
  let browser: Browser | undefined;
  const theBrowser = async (): Promise<Browser> => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`the HTML report check needs Chromium at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium" (.ci/run does this)`);
    }
    browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    return browser;
  };
  return {
    /** Writes the report of `kpi ARGS --format html`, opens it, and records the requests it makes. */
    async open(args) {
      const dir = tempDir();
      const file = path.join(dir, 'report.html');
      const r = kpi([...args, '--format', 'html', '--out', file]);
      expect(r.code, r.stderr).toBe(0);
      const page = await (await theBrowser()).newPage({ viewport: { width: 800, height: 1100 } });
      const requests: string[] = [];
      page.on('request', (req) => { if (req.url() !== `file://${file}`) requests.push(req.url()); });
      await page.goto(`file://${file}`);
      return { page, dir, requests };
    },
    async close() { await browser?.close(); },
  };
}
