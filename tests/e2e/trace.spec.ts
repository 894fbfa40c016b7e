import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * The trace figure as a reader uses it: pick the median, 99th-percentile or slowest checkout,
 * from the keyboard or by clicking its point, and see that request span by span. The figure
 * exposes the engine's numbers as data attributes, so these tests read what the engine traced.
 */

const TOUR = '/figures/';

async function traced(figure: Locator): Promise<void> {
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(figure).toHaveAttribute('data-spans', /\d/);
}

async function open(page: Page): Promise<Locator> {
  await page.goto(TOUR);
  const figure = page.locator('[data-figure="trace"]');
  await figure.scrollIntoViewIfNeeded();
  await traced(figure);
  return figure;
}

async function latency(figure: Locator): Promise<number> {
  return Number(await figure.getAttribute('data-latency'));
}

test('the reader picks p50, p99 or the slowest request from the keyboard', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const figure = await open(page);
  await expect(figure).toHaveAttribute('data-pick', 'p99');
  const p99 = await latency(figure);
  const spans = Number(await figure.getAttribute('data-spans'));
  expect(spans).toBeGreaterThan(3);
  // The request's own run heads the waterfall.
  await expect(
    figure.locator('.charts svg text').filter({ hasText: /^gateway\.checkout$/ }),
  ).toHaveCount(1);

  const p99Radio = figure.getByRole('radio', { name: /99th percentile/ });
  await p99Radio.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(figure.getByRole('radio', { name: /median/ })).toBeChecked();
  await expect(figure).toHaveAttribute('data-pick', 'p50');
  const p50 = await latency(figure);
  expect(p50).toBeLessThan(p99);

  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(figure).toHaveAttribute('data-pick', 'max');
  expect(await latency(figure)).toBeGreaterThanOrEqual(p99);
  await expect(figure.locator('.summary')).toContainText('slowest checkout request took');
  expect(errors).toEqual([]);
});

test("clicking a point of the latency strip shows that request's trace", async ({ page }) => {
  const figure = await open(page);
  await figure.locator('.strip .trace-pick circle').first().click();
  await expect(figure).toHaveAttribute('data-pick', 'p50');
  await expect(figure.getByRole('radio', { name: /median/ })).toBeChecked();
});

test('the trace figure is legible at 1280×720 (screenshot)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const figure = await open(page);
  mkdirSync('artifacts/screenshots', { recursive: true });
  await figure.screenshot({ path: 'artifacts/screenshots/trace.png' });
  await context.close();
});

for (const theme of ['light', 'dark'] as const) {
  test(`the trace figure has no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await open(page);
    const results = await new AxeBuilder({ page })
      .include('[data-figure="trace"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await context.close();
  });
}
