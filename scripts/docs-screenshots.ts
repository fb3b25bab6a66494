/**
 * `npm run docs:screenshots`: seeds a demo SQLite store (test/dashboard/demo-seed.ts, through the store's
 * write methods), serves the dashboard as the app does, signs in through the GitHub stand-in and
 * captures each page with Debian's chromium into docs/dashboard/*.png.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, startLiveDashboard } from '../test/dashboard/browser/live.js';

const OUT = 'docs/dashboard';
const PAGES: { file: string; path: string; width?: number }[] = [
  { file: 'overview.png', path: '/dashboard' },
  { file: 'changes.png', path: '/dashboard/changes' },
  { file: 'changes-filtered.png', path: '/dashboard/changes?severity=critical&status=open' },
  { file: 'change.png', path: '/dashboard/changes/acme/payments/412' },
  { file: 'teams.png', path: '/dashboard/teams' },
  { file: 'inventory.png', path: '/dashboard/inventory' },
  { file: 'trends.png', path: '/dashboard/trends' },
  { file: 'risks.png', path: '/dashboard/risks' },
  { file: 'overview-phone.png', path: '/dashboard', width: 390 },
];

mkdirSync(OUT, { recursive: true });
const live = await startLiveDashboard();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${live.origin}/dashboard`);
  await page.screenshot({ path: `${OUT}/sign-in.png` });
  await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
  await page.waitForURL(`${live.origin}/dashboard`);
  for (const p of PAGES) {
    await page.setViewportSize({ width: p.width ?? 1280, height: 900 });
    const res = await page.goto(`${live.origin}${p.path}`);
    if (res?.status() !== 200) throw new Error(`${p.path} answered ${res?.status()}`);
    await page.screenshot({ path: `${OUT}/${p.file}`, fullPage: true });
    console.log(`${OUT}/${p.file}`);
  }
} finally {
  await browser.close();
  await live.close();
}
