import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 5 as a reader uses it, from the keyboard: the lockstep groups change with the cut and
 * with expand/contract (analysed again in the engine worker), a release without a canary raises
 * its alarm in the rollout instead, one click shortens the monolith's release train, and the
 * scorecard's slow verdicts improve with one click. The figures pass axe in both themes and are
 * photographed at 1280×720 and at a phone's width.
 */

const CHAPTER = '/essays/deploying-in-lockstep/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FIGURES = [
  'groups',
  'monolith-train',
  'release-shop-models',
  'ways-out',
  'one-click-scorecard',
] as const;

/** Scrolls to a figure and waits until its island has hydrated and, if it asks the worker, answered. */
async function figureOn(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-figure="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-figure="${id}"])`)).not.toHaveAttribute(
    'ssr',
    '',
  );
  if ((await figure.getAttribute('data-busy')) !== null) {
    await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
  }
  return figure;
}

async function chartOf(figure: Locator): Promise<string> {
  return figure.locator('.chart').first().innerHTML();
}

test('switching the cut from the keyboard redraws the groups: no ten-service row in microservices', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'groups');
  const view = figure.locator('[data-lockstep-view]');
  await expect(view).toHaveAttribute('data-largest', 'shop-models');
  await expect(view.locator('li[data-row="shop-models"]')).toContainText('10 services');
  const before = await chartOf(figure);

  await figure.getByLabel('Distributed monolith').focus();
  await page.keyboard.press('ArrowRight');
  await expect(figure).toHaveAttribute('data-cut', 'microservices', { timeout: 30_000 });
  await expect(figure).toHaveAttribute('data-busy', 'false');
  await expect(view).toHaveAttribute('data-largest', 'pricing.price-line');
  await expect(view.locator('li[data-row="shop-models"]')).toHaveCount(0);
  expect(await chartOf(figure)).not.toBe(before);
});

test('expand/contract turns the shared database into a sequence, and the shared models stay', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'ways-out');
  const view = figure.locator('[data-lockstep-view]');
  await expect(view).toHaveAttribute('data-largest', 'shop-models');
  await expect(view.locator('li[data-row="shop-db"]')).toHaveAttribute(
    'data-path',
    'expand-contract',
  );
  const before = await chartOf(figure);

  await figure.getByLabel('By expand/contract').focus();
  await page.keyboard.press('Space');
  await expect(figure).toHaveAttribute('data-expand', 'false');
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
  await expect(view.locator('li[data-row="shop-db"]')).toHaveAttribute('data-path', 'lockstep');
  await expect(view).toHaveAttribute('data-largest', 'shop-models');
  expect(await chartOf(figure)).not.toBe(before);
});

test('without a canary the same bad deploy alarms in the rollout, having served more traffic', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'release-shop-models');
  await expect(figure).toHaveAttribute('data-alarm', 'canary');
  await expect(figure).toHaveAttribute('data-outcome', 'rolledBack');
  const exposed = Number(await figure.getAttribute('data-exposure-ms'));
  const before = await chartOf(figure);

  await figure.getByLabel('Canary').focus();
  await page.keyboard.press('End');
  await expect(figure.getByLabel('Canary')).toHaveValue('0');
  await expect(figure).toHaveAttribute('data-alarm', 'rollout');
  await expect(figure).toHaveAttribute('data-outcome', 'rolledBack');
  await expect(figure.locator('.summary')).toContainText('its canary missed it');
  expect(Number(await figure.getAttribute('data-exposure-ms'))).toBeGreaterThan(exposed * 2);
  expect(await chartOf(figure)).not.toBe(before);
});

test('one click takes the monolith release train from days to one deploy', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'monolith-train');
  await expect(figure.locator('.summary')).toContainText('Per-team release');
  const perTeam = Number(await figure.getAttribute('data-duration-ms'));
  expect(perTeam).toBeGreaterThan(86_400_000);

  await figure.getByLabel('Release style').focus();
  await page.keyboard.press('ArrowDown');
  await expect(figure.locator('.summary')).toContainText('One-click release');
  expect(Number(await figure.getAttribute('data-duration-ms'))).toBeLessThan(3_600_000);
});

test('one click turns change coupling ok and leaves the lockstep group bad', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'one-click-scorecard');
  await expect(figure.locator('tr[data-symptom="changeCoupling"]')).toHaveAttribute(
    'data-verdict',
    'bad',
  );
  await figure.getByLabel('Release style').focus();
  await page.keyboard.press('ArrowDown');
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
  await expect(figure.locator('tr[data-symptom="changeCoupling"]')).toHaveAttribute(
    'data-verdict',
    'ok',
  );
  await expect(figure.locator('tr[data-symptom="lockstepDeploys"]')).toHaveAttribute(
    'data-verdict',
    'bad',
  );
});

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter has no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) await figureOn(page, id);
    const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await context.close();
  });
}

for (const [name, viewport] of [
  ['projector', { width: 1280, height: 720 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`screenshots of the chapter's figures (${name})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) {
      const figure = await figureOn(page, id);
      await figure.screenshot({ path: `artifacts/screenshots/chapter5-${name}-${id}.png` });
    }
    const groups = page.locator('[data-figure="groups"]');
    await groups.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `artifacts/screenshots/chapter5-${name}.png` });
    await context.close();
  });
}
