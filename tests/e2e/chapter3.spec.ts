import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 3 as a reader uses it: the blast-radius table paints every column from the build, a
 * design choice re-runs `check` in the worker (static column first, simulated when ready), and
 * timeouts bring a hang back to the static share; behind the bus, users lose nothing while every
 * delivery is dead-lettered. The numbers are the engine's (data attributes the island sets from
 * the worker's table). The figures pass axe in both themes and are photographed at 1280×720.
 */

const CHAPTER = '/essays/blast-radius/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FIGURES = [
  'fail-a-component',
  'blast-table',
  'optional-vs-timeouts',
  'bulkhead-figure',
  'bus-table',
] as const;

async function figureOn(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-figure="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-figure="${id}"])`)).not.toHaveAttribute(
    'ssr',
    '',
  );
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  return figure;
}

function cell(figure: Locator, component: string, kind: string): Locator {
  return figure.locator(`tr[data-component="${component}"] td[data-kind="${kind}"]`);
}

async function share(figure: Locator, component: string, kind: string): Promise<number> {
  return Number(await cell(figure, component, kind).getAttribute('data-share'));
}

test('a hang spreads past the static share without timeouts, and not with them', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const table = await figureOn(page, 'blast-table');
  // The first paint comes from the build: every column is there before the worker runs.
  await expect(table).toHaveAttribute('data-stage', 'simulated');
  const staticShare = Number(
    await table.locator('tr[data-component="inventory"] td.static').getAttribute('data-share'),
  );
  await expect(cell(table, 'inventory', 'hang')).toHaveAttribute('data-against', 'above');
  expect(await share(table, 'inventory', 'hang')).toBeGreaterThan(staticShare + 0.3);
  await expect(table.getByText(/inventory hang: static/)).toBeVisible();

  await table.getByLabel('Timeouts and retries').check();
  await expect(table).toHaveAttribute('data-design', 'resilience');
  await expect(table).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(table).toHaveAttribute('data-stage', 'simulated');
  expect(await share(table, 'inventory', 'hang')).toBeLessThan(staticShare + 0.06);
});

test('switching the cut shows its own components, static column first', async ({ page }) => {
  await page.goto(CHAPTER);
  const table = await figureOn(page, 'blast-table');
  await table.getByLabel('Microservices').check();
  await expect(table).toHaveAttribute('data-stage', 'static', { timeout: 10_000 });
  await expect(table.getByText(/Showing the static column/)).toBeVisible();
  await expect(table).toHaveAttribute('data-stage', 'simulated', { timeout: 45_000 });
  await table.getByRole('button', { name: /Show all/ }).click();
  await expect(table.locator('tr[data-component="inventory-db"]')).toBeVisible();
});

test('with the bus down users lose nothing and every delivery is dead-lettered', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const table = await figureOn(page, 'bus-table');
  expect(await share(table, 'bus', 'down')).toBe(0);
  expect(await share(table, 'bus', 'deferred-down')).toBe(1);
  const card = table.locator('.focus-card[data-failure="down"]');
  await expect(card).toContainText('users lost 0% of their requests');
  await expect(card).toContainText(/\d+ dead-lettered of \d+ deliveries/);
  // Without the bus, e-mail and shipping are back in the user's path and the bus row is gone.
  await table.getByLabel('Asynchronous side effects').uncheck();
  await expect(table).toHaveAttribute('data-stage', 'simulated', { timeout: 45_000 });
  await expect(table.locator('tr[data-component="bus"]')).toHaveCount(0);
});

test('a bulkhead keeps a hang without timeouts to the pages that need it', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'bulkhead-figure');
  await expect(figure).toHaveAttribute('data-availability', /\d/, { timeout: 30_000 });
  const without = Number(await figure.getAttribute('data-availability'));
  await figure.getByLabel(/Bulkhead/).fill('20');
  await expect(figure)
    .toHaveAttribute('data-busy', 'true')
    .catch(() => undefined);
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  // Without a bulkhead the gateway starves; with one, the pages that skip recommendations answer.
  await expect
    .poll(async () => Number(await figure.getAttribute('data-availability')), { timeout: 30_000 })
    .toBeGreaterThan(without + 0.15);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter has no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) {
      await figureOn(page, id);
    }
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await context.close();
  });
}

test('screenshots of the chapter at 1280×720', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(CHAPTER);
  for (const id of FIGURES) {
    const figure = await figureOn(page, id);
    if (id === 'optional-vs-timeouts') {
      await figure.getByLabel('Optional recommendations').check();
      await expect(figure).toHaveAttribute('data-stage', 'refined', { timeout: 45_000 });
      await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
    }
    await figure.screenshot({ path: `artifacts/screenshots/chapter3-${id}.png` });
  }
  // What a speaker shows: the table from its title down, the whys hidden to fit every row.
  const table = page.locator('[data-figure="blast-table"]');
  await table.getByLabel('Explain each difference').uncheck();
  await table.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'artifacts/screenshots/chapter3.png' });
  await context.close();
});
