import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 2 as a reader uses it: the chain's availability follows (1 − p)ⁿ as n and p move and
 * stays whole in one process; the fan-out's slow share follows 1 − 0.99ᵏ and hedging cuts it; the
 * split pool's p99 sits above one big pool's. The numbers are the engine's (data attributes the
 * islands set from the worker's reports). The figures work from the keyboard, pass axe in both
 * themes, and are photographed at a projector's 1280×720 into artifacts/screenshots/.
 */

const CHAPTER = '/essays/every-hop-costs/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

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
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 30_000 });
}

async function number(figure: Locator, attribute: string): Promise<number> {
  return Number(await figure.getAttribute(attribute));
}

test('the chain loses (1 − p)ⁿ of its requests to the network, and nothing in one process', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'chain');
  expect(await number(figure, 'data-hops')).toBe(20);
  const check = async () => {
    const simulated = await number(figure, 'data-availability');
    const theory = await number(figure, 'data-theory');
    const n = await number(figure, 'data-requests');
    expect(Math.abs(simulated - theory)).toBeLessThan(
      3 * Math.sqrt((theory * (1 - theory)) / n) + 1e-3,
    );
    expect(await number(figure, 'data-in-process')).toBe(1);
  };
  await check();
  const rate = figure.getByLabel('Network error rate per hop (p)');
  await rate.focus();
  for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowRight');
  await expect(figure).toHaveAttribute('data-error-rate', '0.02');
  await settled(figure);
  await check();
  expect(await number(figure, 'data-availability')).toBeLessThan(0.75);
  const hops = figure.getByLabel('Remote hops in the chain (n)');
  await hops.focus();
  await page.keyboard.press('Home');
  await expect(figure).toHaveAttribute('data-hops', '1');
  await settled(figure);
  await check();
  await figure.getByRole('button', { name: 'Reset' }).click();
  await expect(figure).toHaveAttribute('data-hops', '20');
});

test('fan-out meets a slow leaf 1 − 0.99ᵏ of the time, and hedging cuts that and p99', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'fanout');
  await expect(figure).toHaveAttribute('data-stage', 'final');
  expect(await number(figure, 'data-leaves')).toBe(50);
  const slow = await number(figure, 'data-slow');
  expect(Math.abs(slow - (1 - 0.99 ** 50))).toBeLessThan(0.05);
  expect(await number(figure, 'data-p99')).toBeGreaterThan(900);
  await figure.getByLabel(/Hedge/).check();
  await expect(figure).toHaveAttribute('data-hedged-slow', /\d/, { timeout: 30_000 });
  await settled(figure);
  expect(await number(figure, 'data-hedged-slow')).toBeLessThan(0.03);
  expect(await number(figure, 'data-hedged-p99')).toBeLessThan(100);
  await expect(figure.locator('table.compare tbody tr')).toHaveCount(2);
});

test('the same cores split into small pools queue sooner, as Erlang C says', async ({ page }) => {
  await page.goto(CHAPTER);
  const figure = await figureOn(page, 'pools');
  await expect(figure).toHaveAttribute('data-stage', 'final');
  const points = JSON.parse((await figure.getAttribute('data-points')) ?? '[]') as [
    number,
    number,
    number,
    number,
  ][];
  const at80 = points.filter((p) => p[1] === 0.8);
  const [one, split] = at80;
  expect(one?.[0]).toBe(1);
  expect(split?.[0]).toBe(16);
  expect((split?.[2] ?? 0) / (one?.[2] ?? 1)).toBeGreaterThan(3);
  for (const [, , simulated, theory] of at80) {
    expect(simulated).toBeGreaterThan(0.75 * theory);
    expect(simulated).toBeLessThan(1.25 * theory);
  }
  await figure.getByLabel('Split the 16 cores among').selectOption('4');
  await expect(figure).toHaveAttribute('data-split', '4');
  await settled(figure);
  await expect(figure.locator('table.compare tbody tr')).toHaveCount(2);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter has no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(CHAPTER);
    for (const id of ['chain', 'fanout', 'pools']) await figureOn(page, id);
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
  for (const id of ['chain', 'fanout', 'pools']) {
    const figure = await figureOn(page, id);
    if (id === 'fanout') {
      await figure.getByLabel(/Hedge/).check();
      await expect(figure).toHaveAttribute('data-hedged-slow', /\d/, { timeout: 30_000 });
      await settled(figure);
    }
    await figure.screenshot({ path: `artifacts/screenshots/chapter2-${id}.png` });
  }
  const fanout = page.locator('[data-figure="fanout"]');
  await fanout.scrollIntoViewIfNeeded();
  await fanout.screenshot({ path: 'artifacts/screenshots/chapter2.png' });
  await context.close();
});
