import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 4 as a reader uses it, from the keyboard: a retried call against a flaky callee, the
 * retry storm and its cures, a breaker with its state machine replaying the run, and the
 * metastability map, which answers with a coarse grid and then refines, and draws a boundary.
 * The numbers are the engine's (data attributes the islands set from the worker's answers). The
 * figures pass axe in both themes and are photographed at 1280×720 and at a phone's width.
 */

const CHAPTER = '/essays/retries-and-metastable-failure/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FIGURES = ['retry-odds', 'storm-figure', 'breaker-run', 'metastability-map'] as const;

async function figureOn(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-figure="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-figure="${id}"])`).first()).not.toHaveAttribute(
    'ssr',
    '',
  );
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  return figure;
}

/** The map once its refined grid is complete. */
async function refinedMap(page: Page): Promise<Locator> {
  const map = await figureOn(page, 'metastability-map');
  await expect(map).toHaveAttribute('data-stage', 'refined', { timeout: 90_000 });
  await expect
    .poll(
      async () => (await map.getAttribute('data-done')) === (await map.getAttribute('data-total')),
      {
        timeout: 90_000,
      },
    )
    .toBe(true);
  await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 90_000 });
  return map;
}

function boundary(raw: string | null): [number, number | null][] {
  return JSON.parse(raw ?? '[]') as [number, number | null][];
}

test('a retry against a flaky callee: more attempts, more successes, from the keyboard', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'retry-odds');
  const rate = figure.getByLabel('Back’s failure rate');
  await rate.focus();
  for (let i = 0; i < 6; i += 1) await page.keyboard.press('ArrowRight'); // 30%
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await figure.getAttribute('data-availability')), { timeout: 30_000 })
    .toBeLessThan(0.8);
  const once = Number(await figure.getAttribute('data-availability'));
  await figure.getByLabel('Attempts from mid to back').focus();
  for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowRight'); // three attempts
  await expect
    .poll(async () => Number(await figure.getAttribute('data-availability')), { timeout: 30_000 })
    .toBeGreaterThan(once + 0.2);
  const attempts = JSON.parse((await figure.getAttribute('data-attempts')) ?? '{}') as Record<
    string,
    number
  >;
  expect(attempts.back).toBeGreaterThan(attempts.mid ?? 0);
});

test('the storm stays down as written and recovers with exponential backoff', async ({ page }) => {
  await page.goto(CHAPTER);
  const storm = await figureOn(page, 'storm-figure');
  await expect(storm).toHaveAttribute('data-availability', /\d/, { timeout: 30_000 });
  const asWritten = Number(await storm.getAttribute('data-availability'));
  expect(asWritten).toBeLessThan(0.6);
  const backoff = storm.getByLabel('Backoff');
  await backoff.focus();
  await page.keyboard.press('End'); // exponential, the last option
  await expect(backoff).toHaveValue('exponential');
  await expect
    .poll(async () => Number(await storm.getAttribute('data-availability')), { timeout: 45_000 })
    .toBeGreaterThan(asWritten + 0.3);
});

test('the breaker opens during the trigger, and its state machine replays the run', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'breaker-run');
  await expect(figure).toHaveAttribute('data-opened', /[1-9]/, { timeout: 45_000 });
  const machine = figure.locator('[data-figure="breaker-run-machine"]');
  const time = machine.getByLabel('Time');
  await time.focus();
  // Step through the transitions until the followed breaker is lit open (a step may belong to the
  // other breaker, so the first press need not move this one).
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('ArrowRight');
    if ((await machine.locator('.state.lit text').first().textContent()) === 'open') break;
  }
  await expect(machine.locator('.state.lit text').first()).toHaveText('open');
  // Load from the keyboard: the run is simulated again at the new load.
  const load = figure.getByLabel('Load');
  await load.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(figure).toHaveAttribute('data-load', '550');
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(figure.getByText(/opened once|opened \d+ times/).first()).toBeVisible();
});

test('the metastability map draws a boundary, and a retry budget moves it', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(CHAPTER);
  const map = await figureOn(page, 'metastability-map');
  // The coarse grid answers first, and the figure says so.
  await expect(map.getByText(/Coarse grid|Refining|Refined grid/)).toBeVisible({ timeout: 30_000 });
  const refined = await refinedMap(page);
  await expect(refined).toHaveAttribute('data-has-boundary', 'true');
  // The boundary is drawn: a staircase path across the grid.
  const line = refined.locator('svg g.boundary path');
  await expect(line).toHaveCount(1);
  expect((await line.getAttribute('d'))?.split('L').length).toBeGreaterThan(4);
  const without = boundary(await refined.getAttribute('data-boundary'));
  // The lightest load recovers from every trigger; the heaviest stays down after some.
  expect(without[0]?.[1]).toBeNull();
  expect(without.at(-1)?.[1]).not.toBeNull();
  await expect(refined.getByText(/recovers from every trigger up to/)).toBeVisible();

  const budget = refined.getByLabel('Retry budget');
  await budget.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown'); // 10% of first attempts
  await expect(budget).toHaveValue('0.1');
  const withBudget = boundary(await (await refinedMap(page)).getAttribute('data-boundary'));
  const downWithout = without.filter(([, t]) => t !== null).length;
  const downWith = withBudget.filter(([, t]) => t !== null).length;
  expect(downWith).toBeLessThan(downWithout);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter has no axe violations (${theme})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) await figureOn(page, id);
    await refinedMap(page);
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
  test(`screenshots of the chapter (${name})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) {
      const figure = await figureOn(page, id);
      if (id === 'metastability-map') await refinedMap(page);
      await figure.screenshot({ path: `artifacts/screenshots/chapter4-${name}-${id}.png` });
    }
    const map = page.locator('[data-figure="metastability-map"]');
    await map.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `artifacts/screenshots/chapter4-${name}.png` });
    await context.close();
  });
}
