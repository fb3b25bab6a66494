/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core, signing in through
 * the GitHub stand-in, over a SQLite store written by the store's own write methods. Skips (saying
 * why) when chromium is absent; `.ci/run` installs it so CI runs these.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, startLiveDashboard, type LiveDashboard } from './browser/live.js';
import { CHECK_RUN } from './demo-seed.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

if (!existsSync(CHROMIUM)) {
  describe('dashboard in chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does)`, () => {});
  });
} else {
  // A browser on a machine shared with the rest of the suite: generous limits, no timing asserted.
  describe('dashboard in chromium', { timeout: 120_000 }, () => {
    let live: LiveDashboard;
    let browser: Browser;

    beforeAll(async () => {
      live = await startLiveDashboard();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await live?.close();
    });

    /** A fresh browser profile signed in to GitHub as `login`, then to the dashboard; collects CSP reports. */
    async function signedIn(login: string): Promise<{ page: Page; csp: string[] }> {
      live.gh.users.signedIn = login;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const csp: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) csp.push(m.text());
      });
      page.on('pageerror', (e) => csp.push(`page error: ${e.message}`));
      await page.goto(`${live.origin}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/dashboard/sign-in');
      await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
      await page.waitForURL(`${live.origin}/dashboard`);
      return { page, csp };
    }

    async function axe(page: Page): Promise<string[]> {
      // Evaluated over the DevTools protocol, which the page's CSP does not govern: the page itself allows no inline script.
      await page.evaluate(AXE);
      return page.evaluate(async () => {
        const w = window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
        const r = await w.axe.run();
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    }

    it('signs in through GitHub and shows the overview of what the user can see', async () => {
      const { page, csp } = await signedIn('dana');
      expect(await page.locator('h1').textContent()).toBe('Overview');
      expect(await page.locator('header').textContent()).toContain('Signed in as dana');
      const main = (await page.locator('main').textContent())!;
      expect(main).toContain('acme/payments');
      expect(main).not.toContain('ledger');
      expect(await axe(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.context().close();
    });

    it('filters through the form: the URL carries the filter and the table follows', async () => {
      const { page, csp } = await signedIn('dana');
      await page.goto(`${live.origin}/dashboard/changes`);
      const rowsBefore = await page.locator('main table tbody tr').count();
      expect(rowsBefore).toBeGreaterThan(2);
      await page.getByLabel('Severity').selectOption('critical');
      await page.getByLabel('Status').selectOption('open');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/severity=critical/);
      const url = new URL(page.url());
      expect(url.searchParams.get('severity')).toBe('critical');
      expect(url.searchParams.get('status')).toBe('open');
      const rows = page.locator('main table tbody tr');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('acme/payments#412');
      // The form shows the filter it was opened with: a shared link reproduces the view.
      expect(await page.getByLabel('Severity').inputValue()).toBe('critical');

      // The CSV link is the same query on the API, answered to the same session.
      const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
      expect(href).toBe('/api/v1/changes?severity=critical&status=open&format=csv');
      const csv = await page.request.get(`${live.origin}${href}`);
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/text\/csv/);
      const lines = (await csv.text()).trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('412');

      expect(await axe(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.context().close();
    });

    it("follows a change to its page: findings, timeline, links to the PR, check run and line", async () => {
      const { page, csp } = await signedIn('dana');
      await page.goto(`${live.origin}/dashboard/changes?repo=acme%2Fpayments`);
      await page.getByRole('link', { name: 'acme/payments#412', exact: true }).click();
      await page.waitForURL(`${live.origin}/dashboard/changes/acme/payments/412`);
      expect(await page.locator('h1').textContent()).toBe('acme/payments#412');
      const main = (await page.locator('main').textContent())!;
      expect(main).toContain('aws_db_instance.orders runs in one zone');
      expect(main).toContain('One NAT gateway serves every private subnet');
      expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Pull request #412' }).getAttribute('href')).toBe(`${live.github}/acme/payments/pull/412`);
      expect(await page.getByRole('link', { name: 'Check run' }).getAttribute('href')).toBe(`${live.github}/acme/payments/runs/${CHECK_RUN.payments412}`);
      expect(await page.getByRole('link', { name: 'live/prod/db.tf:14' }).getAttribute('href')).toMatch(new RegExp(`^${live.github}/acme/payments/blob/a{40}/live/prod/db\\.tf#L14$`));
      expect(await axe(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.context().close();
    });

    it('draws trends as SVG without script, and every page passes axe and the CSP', async () => {
      const { page, csp } = await signedIn('dana');
      await page.goto(`${live.origin}/dashboard/trends`);
      // Four for the organisation, two per repository, two per team.
      expect(await page.locator('figure svg').count()).toBe(8);
      expect(await page.locator('script').count()).toBe(0);
      const bars = await page.locator('figure').first().locator('svg path[ecmeta_series_index]').count();
      expect(bars).toBeGreaterThan(0);
      for (const path of ['/dashboard/trends', '/dashboard/teams', '/dashboard/inventory', '/dashboard/risks', '/dashboard/changes']) {
        const res = await page.goto(`${live.origin}${path}`);
        expect(res!.status(), path).toBe(200);
        expect(res!.headers()['content-security-policy'], path).toMatch(/script-src 'self'/);
        expect(await axe(page), path).toEqual([]);
      }
      expect(csp).toEqual([]);
      await page.context().close();
    });

    /** The numbers table of the chart captioned `id`: its column heads, and each column's cells top to bottom. */
    async function chartNumbers(page: Page, id: string): Promise<Map<string, string[]>> {
      const figure = page.locator('figure', { has: page.locator(`figcaption#${id}`) });
      const head = await figure.locator('thead th').allTextContents();
      const rows = await Promise.all((await figure.locator('tbody tr').all()).map((r) => r.locator('th, td').allTextContents()));
      return new Map(head.map((h, i) => [h, rows.map((r) => r[i]!)]));
    }

    it('draws a line per team and per repository the user can see, and links each to its own trends', async () => {
      const { page, csp } = await signedIn('dana');
      await page.goto(`${live.origin}/dashboard/trends`);
      // Now: the platform team owns the Redis and EKS SPOFs of platform-infra and the NAT gateway of
      // payments; search's load balancer is search-team's and @lee's, its search domain (this week's
      // push) search-team's; checkout has none left. Most first.
      const teams = await chartNumbers(page, 'chart-team-inventory');
      expect([...teams.keys()]).toEqual(['Week of', 'acme/platform', 'acme/search-team', '@lee', 'acme/checkout-team']);
      expect(Object.fromEntries([...teams].map(([k, v]) => [k, v.at(-1)]))).toMatchObject({ 'acme/platform': '3', 'acme/search-team': '2', '@lee': '1', 'acme/checkout-team': '0' });
      // New in the twelve weeks: the EKS node group, the NAT gateway, the search domain; the rest were in each repository's first inventory.
      const added = await chartNumbers(page, 'chart-team-new');
      const total = (col: string[] | undefined) => col!.reduce((n, c) => n + Number(c), 0);
      expect(['acme/platform', 'acme/search-team', '@lee', 'acme/checkout-team'].map((t) => total(added.get(t)))).toEqual([2, 1, 0, 0]);
      const repos = await chartNumbers(page, 'chart-repo-inventory');
      expect(Object.fromEntries([...repos].map(([k, v]) => [k, v.at(-1)]))).toMatchObject({ 'acme/platform-infra': '2', 'acme/search': '2', 'acme/payments': '1', 'acme/checkout': '0' });
      const legend = await page.locator('figure', { has: page.locator('figcaption#chart-team-inventory') }).locator('svg text').allTextContents();
      expect(legend).toEqual(expect.arrayContaining(['acme/platform', '@lee', 'acme/search-team', 'acme/checkout-team']));
      expect((await page.locator('main').textContent())!).not.toContain('ledger');

      await page.getByRole('link', { name: 'acme/platform', exact: true }).click();
      await page.waitForURL(/team=/);
      expect(new URL(page.url()).searchParams.get('team')).toBe('acme/platform');
      expect(await page.getByLabel('Team', { exact: true }).inputValue()).toBe('acme/platform');
      expect((await chartNumbers(page, 'chart-inventory-size')).get("SPOFs on default branches at the week's end")!.at(-1)).toBe('3');
      await page.getByRole('link', { name: 'acme/payments', exact: true }).click();
      await page.waitForURL(/repo=/);
      expect(new URL(page.url()).searchParams.get('repo')).toBe('acme/payments');
      expect((await chartNumbers(page, 'chart-inventory-size')).get("SPOFs on default branches at the week's end")!.at(-1)).toBe('1');
      expect(await axe(page)).toEqual([]);
      expect(csp).toEqual([]);
      await page.context().close();
    });

    it('shows another user no trace of repositories they cannot see', async () => {
      const { page } = await signedIn('eve');
      for (const path of ['/dashboard', '/dashboard/changes', '/dashboard/teams', '/dashboard/inventory', '/dashboard/trends', '/dashboard/risks']) {
        await page.goto(`${live.origin}${path}`);
        const text = (await page.locator('body').textContent())!;
        for (const hidden of ['payments', 'checkout', 'platform-infra', 'ledger', 'maria']) expect(text, `${path} shows ${hidden}`).not.toContain(hidden);
      }
      const res = await page.goto(`${live.origin}/dashboard/changes/acme/payments/412`);
      expect(res!.status()).toBe(404);
      await page.context().close();
    });
  });
}
