import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { staticBlastRadius } from '../../simulations/analyses/blastRadius.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';

/**
 * Live figures as a reader uses them: move a control and the numbers move the way the system
 * would; fail a component and its blast radius lights up; share a link and it comes back.
 * Figures expose the engine's headline numbers as data attributes, so these tests read what the
 * engine reported rather than pixels.
 */

const TOUR = '/figures/';

/** What the engine's static analysis says fails with a component of the distributed monolith. */
function blastRadiusEndpoints(component: string): readonly string[] {
  const parsed = parseTopology(loadPreset('distributed-monolith'), { file: 'preset' });
  if (!parsed.ok) throw new Error('the distributed-monolith preset does not parse');
  return staticBlastRadius(parsed.model)[component]?.endpoints ?? [];
}

async function settled(figure: Locator): Promise<void> {
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 20_000 });
  await expect(figure).toHaveAttribute('data-availability', /\d/);
}

/** Figures that answer twice (coarse, then refined): wait for the refined answer. */
async function refined(figure: Locator): Promise<void> {
  await expect(figure).toHaveAttribute('data-stage', 'refined', { timeout: 45_000 });
  await expect(figure).toHaveAttribute('data-busy', 'false');
}

async function number(figure: Locator, attribute: string): Promise<number> {
  return Number(await figure.getAttribute(attribute));
}

async function attempts(figure: Locator): Promise<Record<string, number>> {
  return JSON.parse((await figure.getAttribute('data-attempts')) ?? '{}');
}

async function open(page: Page, id: string, hash = ''): Promise<Locator> {
  await page.goto(`${TOUR}${hash}`);
  const figure = page.locator(`[data-figure="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await settled(figure);
  return figure;
}

/** Astro drops an island's `ssr` attribute once it has hydrated and can take input. */
async function hydrated(page: Page, inner: string): Promise<void> {
  await expect(page.locator(`astro-island:has(${inner})`).first()).not.toHaveAttribute('ssr', '');
}

/** Changes a range input as a keyboard user would, then waits for the new result. */
async function setRange(figure: Locator, label: string, value: number) {
  const slider = figure.getByLabel(label, { exact: true });
  await slider.fill(String(value));
  await settled(figure);
}

test('more failure in a component means lower availability', async ({ page }) => {
  const figure = await open(page, 'blast');
  const before = await number(figure, 'data-availability');
  await setRange(figure, 'Failure rate: orders', 0.3);
  const after = await number(figure, 'data-availability');
  expect(after).toBeLessThan(before - 0.01);
  await expect(figure.locator('.summary')).toContainText('availability falls');
});

test('more retries with no budget mean more attempts at the callee', async ({ page }) => {
  const figure = await open(page, 'blast');
  await setRange(figure, 'Failure rate: orders', 0.3);
  const once = (await attempts(figure)).orders ?? 0;
  await setRange(figure, 'Attempts (1 = no retry): orders', 4);
  const retried = (await attempts(figure)).orders ?? 0;
  // Each failing attempt (30%) is retried up to three more times: ≈ 1 + 0.3 + 0.09 + 0.027.
  expect(retried / once).toBeGreaterThan(1.3);
});

test('a timeout on a hanging dependency lowers p99 and raises availability', async ({ page }) => {
  const figure = await open(page, 'hang');
  const hungAvailability = await number(figure, 'data-availability');
  await setRange(figure, 'Timeout (0 = none)', 200);
  expect(await number(figure, 'data-availability')).toBeGreaterThan(hungAvailability + 0.1);
  const p99With200 = await number(figure, 'data-p99');
  await setRange(figure, 'Timeout (0 = none)', 900);
  expect(p99With200).toBeLessThanOrEqual(await number(figure, 'data-p99'));
});

test('pressing a component in the diagram fails it and lights up its blast radius', async ({
  page,
}) => {
  const figure = await open(page, 'blast');
  const database = figure.getByRole('button', { name: 'Fail shop-db (datastore)' });
  await database.focus();
  await page.keyboard.press('Enter');
  await settled(figure);
  await expect(figure.getByRole('button', { name: 'Restore shop-db (datastore)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Everything needs the shared database: every endpoint fails with it.
  expect(await number(figure, 'data-availability')).toBeLessThan(0.05);
  await expect(figure.locator('.node.endpoint.hit')).toHaveCount(5);

  // Another component lights up exactly the endpoints of its static blast radius.
  await figure.getByRole('button', { name: 'Restore shop-db (datastore)' }).click();
  await figure.getByRole('button', { name: 'Fail recommendations (service)' }).click();
  await settled(figure);
  const lit = await figure.locator('.node.endpoint.hit text').allTextContents();
  expect(lit.sort()).toEqual([...blastRadiusEndpoints('recommendations')].sort());
  expect(lit.length).toBeLessThan(5);
});

test('copy link puts the state in the URL and opening it restores the figure', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const figure = await open(page, 'blast');
  await setRange(figure, 'Failure rate: orders', 0.2);
  await figure.getByLabel('Seed').fill('7');
  await figure.getByLabel('Seed').press('Enter');
  await settled(figure);
  const availability = await number(figure, 'data-availability');
  await figure.getByRole('button', { name: 'Copy link' }).click();
  await expect(figure.getByRole('status').filter({ hasText: /Link/ })).toBeVisible();
  const url = page.url();
  expect(url).toMatch(/#blast=1\./);

  const other = await context.newPage();
  await other.goto(url);
  const restored = other.locator('[data-figure="blast"]');
  await restored.scrollIntoViewIfNeeded();
  await settled(restored);
  await expect(restored.getByLabel('Seed')).toHaveValue('7');
  await expect(restored.getByLabel('Failure rate: orders', { exact: true })).toHaveValue('0.2');
  expect(await number(restored, 'data-availability')).toBe(availability);
});

test('a garbled or hostile link falls back to the defaults with a notice', async ({ page }) => {
  const defaults = await number(await open(page, 'blast'), 'data-availability');
  for (const hash of ['#blast=1.garbage!!', '#blast=9.abc', `#blast=1.${'A'.repeat(5000)}`]) {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('about:blank'); // a real load, not a same-page hash change
    const figure = await open(page, 'blast', hash);
    await expect(figure.locator('.figure-notice')).toContainText('showing its defaults');
    expect(await number(figure, 'data-availability')).toBe(defaults);
    expect(errors).toEqual([]);
  }
});

test('the figure keeps the last result, dimmed, while it recomputes', async ({ page }) => {
  const figure = await open(page, 'compare');
  const slider = figure.getByLabel('Load', { exact: true });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  // Whether or not we catch it mid-run, the old charts never disappear.
  await expect(figure.locator('.charts svg').first()).toBeVisible();
  await settled(figure);
  await expect(figure.locator('table.compare tbody tr')).toHaveCount(3);
});

for (const theme of ['light', 'dark'] as const) {
  test(`a page full of figures has no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await page.goto(TOUR);
    for (const id of ['blast', 'compare', 'hang']) {
      const figure = page.locator(`[data-figure="${id}"]`);
      await figure.scrollIntoViewIfNeeded();
      await settled(figure);
    }
    for (const id of ['load-sweep', 'design']) {
      const figure = page.locator(`[data-figure="${id}"]`);
      await figure.scrollIntoViewIfNeeded();
      await refined(figure);
    }
    const results = await new AxeBuilder({ page })
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

test('the deploy timeline answers the release style and the seed from the keyboard', async ({
  page,
}) => {
  await page.goto(TOUR);
  const figure = page.locator('.deploy').first();
  await figure.scrollIntoViewIfNeeded();
  await hydrated(page, '.deploy');
  const summary = figure.locator('.summary');
  await expect(summary).toContainText('Per-team release of shop-models');
  await expect(summary).toContainText('rolled back');
  const style = figure.getByLabel('Release style');
  await style.focus();
  await style.selectOption({ index: 1 });
  await expect(summary).toContainText(/one-click|One-click/);
  const seed = figure.getByLabel('Seed');
  await seed.fill('1');
  await seed.press('Enter');
  await expect(summary).not.toContainText('canary alarm');
});

test('the breaker diagram lights the state the replay has reached', async ({ page }) => {
  await page.goto(TOUR);
  const figure = page.locator('#figure-machine-breaker .machine');
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator('#figure-machine-breaker astro-island')).not.toHaveAttribute('ssr', '');
  const time = figure.getByLabel('Time', { exact: true });
  await expect(figure.locator('.status')).toContainText('closed');
  await time.focus();
  await page.keyboard.press('End');
  await expect(figure.locator('.status')).not.toContainText('step 1 of');
  await page.keyboard.press('Home');
  await expect(figure.locator('.status')).toContainText('The breaker is closed');
});

test('the retry storm stays down, and a circuit breaker brings it back', async ({ page }) => {
  const figure = await open(page, 'storm');
  expect(await number(figure, 'data-availability')).toBeLessThan(0.6);
  await figure.getByLabel('Circuit breaker').check();
  await settled(figure);
  expect(await number(figure, 'data-availability')).toBeGreaterThan(0.9);
  await expect(figure.locator('.summary')).toContainText('availability rises');
});

test('a page full of figures stays within its JavaScript budget (gzip)', async ({ page }) => {
  // Sizes, not timings: a heavy import (the layout engine, say) leaking into an island shows here.
  const sizes = new Map<string, number>();
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    sizes.set(response.url(), gzipSync(body, { level: 9 }).length);
  });
  await page.goto(TOUR);
  for (const figure of await page.locator('.figure-frame').all())
    await figure.scrollIntoViewIfNeeded();
  await settled(page.locator('.sim[data-figure="storm"]'));
  await page.waitForLoadState('networkidle');
  const total = (filter: (url: string) => boolean) =>
    [...sizes].filter(([url]) => filter(url)).reduce((sum, [, size]) => sum + size, 0);
  expect(total((url) => !url.includes('worker'))).toBeLessThan(200 * 1024);
  expect(total((url) => url.includes('worker'))).toBeLessThan(150 * 1024);
});

test('the latency chart switches between log and linear time from the keyboard', async ({
  page,
}) => {
  const figure = await open(page, 'compare');
  const ticks = () =>
    figure
      .locator('.chart')
      .first()
      .locator('svg [aria-label="x-axis tick label"], svg g text')
      .allTextContents();
  const logTicks = (await ticks()).join(' ');
  const toggle = figure.getByLabel('Log time axis');
  await expect(toggle).toBeChecked();
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect.poll(async () => (await ticks()).join(' ')).not.toBe(logTicks);
  await expect(figure.locator('table.compare thead')).toContainText('Requests/s');
});

test('the three-way comparison says its design, shows noise, and its load reaches past every knee', async ({
  page,
}) => {
  const figure = await open(page, 'compare');
  await expect(figure.locator('.design')).toContainText('as first written');
  await expect(figure.locator('table.compare thead')).toContainText('± s.e.');
  await expect(figure.locator('table.compare tbody')).toContainText('±');
  await expect(figure.locator('.summary')).toContainText('Lowest p50: monolith');
  const slider = figure.getByLabel('Load', { exact: true });
  // The sweep's knees, from the latency-versus-load figure on the same page.
  const sweep = page.locator('[data-figure="load-sweep"]');
  await sweep.scrollIntoViewIfNeeded();
  await refined(sweep);
  const knees: Record<string, number> = JSON.parse(
    (await sweep.getAttribute('data-knees')) ?? '{}',
  );
  expect(Object.keys(knees)).toHaveLength(3);
  expect(Number(await slider.getAttribute('max'))).toBeGreaterThan(
    Math.max(...Object.values(knees)),
  );
});

test('latency versus load: coarse first, then refined, each knee named by its bottleneck', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(TOUR);
  const figure = page.locator('[data-figure="load-sweep"]');
  await figure.scrollIntoViewIfNeeded();
  await refined(figure);
  await expect(figure.locator('.stage')).toContainText('Refined: 14 loads');
  const range: [number, number] = JSON.parse((await figure.getAttribute('data-range')) ?? '[]');
  const knees: Record<string, number | null> = JSON.parse(
    (await figure.getAttribute('data-knees')) ?? '{}',
  );
  for (const [cut, knee] of Object.entries(knees)) {
    expect(knee, cut).not.toBeNull();
    expect(knee ?? 0, cut).toBeGreaterThan(range[0]);
    expect(knee ?? 0, cut).toBeLessThan(range[1]);
  }
  await expect(
    figure
      .locator('.charts svg text')
      .filter({ hasText: /bends near [\d,]+ req\/s: .+'s? (cores|thread slots|connections)/ }),
  ).toHaveCount(3);
  await expect(figure.locator('table.compare tbody tr')).toHaveCount(3);

  // A new seed from the keyboard: the coarse sweep shows first, then the refined one.
  const seed = figure.getByLabel('Seed', { exact: true });
  await seed.fill('2');
  await seed.press('Enter');
  await expect(figure).toHaveAttribute('data-stage', 'coarse', { timeout: 20_000 });
  await expect(figure.locator('.stage')).toContainText('Coarse:');
  await refined(figure);
  await expect(figure.locator('.stage')).toContainText('seed 2');
  expect(errors).toEqual([]);
});

test('design toggles: parallel calls buy the pages milliseconds, from the keyboard', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(TOUR);
  const figure = page.locator('[data-figure="design"]');
  await figure.scrollIntoViewIfNeeded();
  await refined(figure);
  await expect(figure.locator('.summary')).toContainText('No design choice is on');
  const rows = async () =>
    JSON.parse((await figure.getAttribute('data-rows')) ?? '{}') as Record<string, { p50: number }>;
  const before = await rows();
  const parallel = figure.getByLabel('Parallel calls');
  await parallel.focus();
  await page.keyboard.press('Space');
  await expect(parallel).toBeChecked();
  // What a reader notices: the product page's p50 falls. The first answer drawn may be the quick
  // coarse run or, when the worker is quick, the refined one; either way the figure says which.
  await expect
    .poll(async () => (await rows()).product?.p50 ?? Number.POSITIVE_INFINITY, { timeout: 45_000 })
    .toBeLessThan((before.product?.p50 ?? 0) * 0.8);
  await expect(figure.locator('.stage')).toContainText(
    /Coarse: [\d,]+ requests per run; refining to [\d,]+…|[\d,]+ requests per run, seed \d+/,
  );
  await refined(figure);
  await expect(figure.locator('.stage')).toContainText(/[\d,]+ requests per run, seed \d+/);
  await expect(figure.locator('.stage')).not.toContainText(/Coarse|simulating/);
  const after = await rows();
  expect(after.product?.p50 ?? 0).toBeLessThan((before.product?.p50 ?? 0) * 0.8);
  await expect(figure.locator('.summary')).toContainText('With parallel calls: ');
  await expect(figure.locator('.summary')).toContainText('product p50 falls');
  await expect(figure.locator('table.compare tbody tr')).toHaveCount(5);
  expect(errors).toEqual([]);
});
