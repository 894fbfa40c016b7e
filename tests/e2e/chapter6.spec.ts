import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 6 as a reader uses it: the bus's duplicates hit only the consumer that does not dedupe,
 * and every consumer once none dedupes; the event-change explorer names a broken rule, the
 * services that would deploy together and the safe way, and a tolerant consumer turns the same
 * change safe; one step down loses orders in the open with an orchestrator and silently with a
 * chain of events, and longer outages lose more. Every control is moved from the keyboard. The
 * numbers are the engine's (data attributes the islands set from the worker's answers). Axe in
 * both themes; screenshots at 1280×720 and a phone's width into artifacts/screenshots/.
 */

const CHAPTER = '/essays/contracts-events-and-time/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FIGURES = ['duplicates', 'event-change', 'workflows'] as const;

async function figureOn(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-figure="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator(`astro-island:has([data-figure="${id}"])`)).not.toHaveAttribute(
    'ssr',
    '',
  );
  await settled(figure);
  return figure;
}

async function settled(figure: Locator): Promise<void> {
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
}

async function number(figure: Locator, attribute: string): Promise<number> {
  return Number(await figure.getAttribute(attribute));
}

async function chartOf(figure: Locator): Promise<string> {
  return (await figure.locator('.charts svg').first().innerHTML()) ?? '';
}

test('duplicates reach only the consumer that does not dedupe, until none does', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'duplicates');
  await expect(figure).toHaveAttribute('data-dedup', 'as-written');
  const applied = await number(figure, 'data-duplicates');
  const caught = await number(figure, 'data-deduplicated');
  expect(applied).toBeGreaterThan(0);
  expect(caught).toBeGreaterThan(applied);
  const before = await chartOf(figure);

  // Keyboard: the radio group moves with the arrow keys.
  await figure.getByRole('radio', { name: /As written/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(figure).toHaveAttribute('data-dedup', 'every-consumer');
  await settled(figure);
  await expect.poll(() => number(figure, 'data-duplicates')).toBe(0);
  await page.keyboard.press('ArrowDown');
  await expect(figure).toHaveAttribute('data-dedup', 'no-consumer');
  await settled(figure);
  await expect.poll(() => number(figure, 'data-deduplicated')).toBe(0);
  // Same seed, same run: every repeat that was caught is now applied.
  expect(await number(figure, 'data-duplicates')).toBe(applied + caught);
  expect(await chartOf(figure)).not.toBe(before);

  const rate = figure.getByLabel('Deliveries the bus sends twice');
  await rate.focus();
  await page.keyboard.press('Home');
  await settled(figure);
  await expect.poll(() => number(figure, 'data-duplicates')).toBe(0);
  await expect(figure.locator('.summary')).toContainText('no delivery arrived twice');
});

test('the explorer names the broken rule, the lockstep and the safe way', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'event-change');
  // As written: an optional field on shipment-booked, whose e-mail consumer rejects unknown fields.
  await expect(figure).toHaveAttribute('data-breaking', 'true');
  await expect(figure.locator('[data-rule="2"]')).toHaveAttribute('data-holds', 'false');
  await expect(figure).toHaveAttribute('data-lockstep', 'notifications shipping');
  const safe = figure.locator('[data-release="safe"]');
  await expect(safe).toContainText('shipment-booked.v2');
  await expect(safe).toContainText('no lockstep');

  // A tolerant consumer, from the keyboard: the same change ships alone.
  await figure.getByLabel('ignores unknown fields').focus();
  await page.keyboard.press('Space');
  await settled(figure);
  await expect(figure).toHaveAttribute('data-breaking', 'false');
  await expect(figure).toHaveAttribute('data-lockstep', 'shipping');
  await expect(safe).toHaveCount(0);

  // Another event and a required field: rule 1 breaks, publisher and consumer in lockstep.
  await figure.getByLabel('Event').selectOption('order-placed');
  await settled(figure);
  await figure.getByLabel('Change').focus();
  await figure.getByLabel('Change').selectOption('add-required');
  await settled(figure);
  await expect(figure.locator('[data-rule="1"]')).toHaveAttribute('data-holds', 'false');
  await expect(figure).toHaveAttribute('data-lockstep', 'inventory orders');
  await expect(figure.locator('[data-release="safe"]')).toContainText('order-placed.v2');

  // Bad input gets a sentence, not a crash.
  const name = figure.getByLabel('New field');
  await name.fill('total');
  await name.press('Enter');
  await name.blur();
  await settled(figure);
  await expect(figure.getByRole('alert')).toContainText('already has a field "total"');
});

test('one step down: the orchestrator fails in the open, the chain stops in silence', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'workflows');
  await expect(figure).toHaveAttribute('data-outage', '10');
  const failed = await number(figure, 'data-orchestrated-failed');
  const halfDone = await number(figure, 'data-choreographed-half-done');
  expect(failed).toBeGreaterThan(300);
  expect(await number(figure, 'data-orchestrated-half-done')).toBe(0);
  expect(await number(figure, 'data-choreographed-failed')).toBe(0);
  expect(halfDone).toBeGreaterThan(300);
  const before = await chartOf(figure);

  const outage = figure.getByLabel(/Down for/);
  await outage.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
  await expect(figure).toHaveAttribute('data-outage', '20', { timeout: 45_000 });
  await settled(figure);
  expect(await number(figure, 'data-orchestrated-failed')).toBeGreaterThan(failed * 1.5);
  expect(await number(figure, 'data-choreographed-half-done')).toBeGreaterThan(halfDone * 1.5);
  expect(await chartOf(figure)).not.toBe(before);

  // Six tries ride out the outage: both finish every order.
  await outage.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
  const tries = figure.getByLabel(/Tries per step/);
  await tries.focus();
  await page.keyboard.press('End');
  await expect(figure).toHaveAttribute('data-outage', '10', { timeout: 45_000 });
  await settled(figure);
  await expect.poll(() => number(figure, 'data-choreographed-half-done')).toBe(0);
  expect(await number(figure, 'data-orchestrated-failed')).toBe(0);
  await expect(figure.locator('tr[data-row="answer"]')).toBeVisible();
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

for (const [label, viewport] of [
  ['1280x720', { width: 1280, height: 720 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`screenshots of the chapter (${label})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of FIGURES) {
      const figure = await figureOn(page, id);
      await figure.screenshot({ path: `artifacts/screenshots/chapter6-${id}-${label}.png` });
    }
    const figure = page.locator('[data-figure="workflows"]');
    await figure.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `artifacts/screenshots/chapter6-${label}.png` });
    await context.close();
  });
}
