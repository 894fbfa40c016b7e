import { existsSync, readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';

/**
 * The site as a reader meets it: every page, both themes, the keyboard, small and huge screens.
 * Pages are read from the build, so a new page is covered without editing this.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'dark'] as const;

/** Collects console errors and any request that leaves the site's origin. */
function watch(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  return problems;
}

const DIST = process.env.E2E_DIST ?? 'dist';

/** Every page the build produced, as the paths a reader visits. */
function builtPages(dir = DIST, prefix = '/'): string[] {
  const pages: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('_')) {
      pages.push(...builtPages(`${dir}/${entry.name}`, `${prefix}${entry.name}/`));
    } else if (entry.name === 'index.html') {
      pages.push(prefix);
    }
  }
  return pages.sort();
}

const PAGES = builtPages();
const MISSING = '/this-page-does-not-exist/';

test('the build has the pages a reader expects, and every internal link resolves', async ({
  page,
}) => {
  expect(PAGES).toEqual(
    expect.arrayContaining(['/', '/about/', '/essays/what-is-a-distributed-monolith/']),
  );
  for (const path of PAGES) {
    await page.goto(path);
    const links = await page.$$eval('a[href]', (anchors) =>
      anchors.map((a) => (a as HTMLAnchorElement).href),
    );
    for (const link of links) {
      const url = new URL(link);
      if (url.origin !== new URL(page.url()).origin) continue;
      // A download (the one-file command line) is a file of the build, not a page.
      if (/\.[a-z0-9]+$/.test(url.pathname) && existsSync(`${DIST}${url.pathname}`)) continue;
      expect(PAGES, `${path} links to ${url.pathname}`).toContain(url.pathname);
    }
  }
});

for (const theme of THEMES) {
  for (const path of [...PAGES, MISSING]) {
    test(`${path} in the ${theme} theme: no console error, no other origin, no axe violation`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({ colorScheme: theme });
      const page = await context.newPage();
      const problems = watch(page, new URL(baseURL as string).origin);
      const response = await page.goto(path);
      if (path === MISSING) {
        expect(response?.status()).toBe(404);
        await expect(page.getByRole('heading', { level: 1 })).toContainText('not part');
        // The browser logs the 404 status of the page itself; that one is expected.
        expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
      } else {
        expect(response?.status()).toBe(200);
        await page.waitForLoadState('networkidle');
        expect(problems).toEqual([]);
      }
      const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      const violations = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(violations).toEqual([]);
      await context.close();
    });
  }
}

test('the home page lists the essays in their declared order, with summaries and reading time', async ({
  page,
}) => {
  const essays = readdirSync('content')
    .filter((file) => file.endsWith('.mdx') && !file.startsWith('_'))
    .map((file) => {
      const text = readFileSync(`content/${file}`, 'utf8');
      const front = parse(text.split('---')[1] ?? '') as {
        title: string;
        order: number;
        draft?: boolean;
      };
      return front;
    })
    .filter((front) => !front.draft)
    .sort((a, b) => a.order - b.order);

  await page.goto('/');
  const items = page.getByTestId('essay-list').locator('li');
  await expect(items).toHaveCount(essays.length);
  const titles = await items.locator('.title').allTextContents();
  expect(titles).toEqual(essays.map((e) => e.title));
  await expect(items.first().locator('.meta')).toHaveText(/^\d+ min read$/);
  for (const audience of ['Speakers', 'Learners', 'Teams in design review']) {
    await expect(page.getByRole('heading', { name: audience })).toBeVisible();
  }
});

test('the essay has anchors, a table of contents on wide screens, sources and a way on', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/essays/what-is-a-distributed-monolith/');
  const toc = page.getByRole('complementary', { name: 'On this page' });
  await expect(toc).toBeVisible();
  const first = toc.getByRole('link').first();
  const target = await first.getAttribute('href');
  expect(target).toMatch(/^#/);
  await expect(page.locator(`${target} .heading-anchor`)).toHaveAttribute('href', target as string);
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Other essays' })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(toc).toBeHidden();
});

test('the theme toggle works from the keyboard and is remembered without a flash', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  // Reach it with Tab like a keyboard user, then press Enter.
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await toggle.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const darkBackground = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  // On the next visit the stored choice is applied by the head script, before first paint.
  const seenAtFirstParse: string[] = [];
  page.on('domcontentloaded', async () => {
    seenAtFirstParse.push(
      (await page.evaluate(() => document.documentElement.dataset.theme ?? 'unset')) as string,
    );
  });
  await page.goto('/about/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(seenAtFirstParse[0]).toBe('dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
    darkBackground,
  );

  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Dark theme' }).press('Space');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await context.close();
});

test('no page scrolls sideways from 360 to 2560 pixels wide', async ({ page }) => {
  for (const width of [360, 390, 768, 1440, 2560]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['/', '/essays/what-is-a-distributed-monolith/', '/about/', '/figures/']) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
    }
  }
});

test('screenshots of the home page and the essay, for a person to look at', async ({ browser }) => {
  const shots = [
    { name: 'home', path: '/' },
    { name: 'essay', path: '/essays/what-is-a-distributed-monolith/' },
  ];
  const sizes = [
    { label: 'desktop', width: 1440, height: 900 },
    { label: 'phone', width: 390, height: 844 },
  ];
  for (const theme of THEMES) {
    for (const size of sizes) {
      const context = await browser.newContext({
        colorScheme: theme,
        viewport: { width: size.width, height: size.height },
      });
      const page = await context.newPage();
      for (const shot of shots) {
        await page.goto(shot.path);
        await page.evaluate(() => document.fonts.ready);
        const file = `artifacts/screenshots/${shot.name}-${size.label}-${theme}.png`;
        await page.screenshot({ path: file });
        expect(readFileSync(file).length).toBeGreaterThan(10_000);
      }
      await context.close();
    }
  }
});
