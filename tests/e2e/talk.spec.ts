import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Talk mode as a speaker uses it: a clicker's keys walk the scenes, the address holds the scene
 * and the figure's state so a reload comes back with the same numbers, the notes window follows
 * the stage and leads it, and the stage is photographed at the two projector sizes (PNGs in
 * `artifacts/talk/`, to look at). Numbers are the engine's, read from the figures' data
 * attributes.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const HOPS = '/talk/every-hop-costs/';
const BLAST = '/talk/blast-radius/';

function stage(page: Page): Locator {
  return page.locator('[data-talk-stage]');
}

/** The figure on stage, once it has hydrated and finished computing. */
async function figureOnStage(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-slot] [data-figure="${id}"]`);
  await expect(figure).toBeVisible({ timeout: 20_000 });
  // Drawn (a chart or a table) and not computing: before its first run a figure is not busy yet.
  await expect(figure.locator('svg, table').first()).toBeVisible({ timeout: 45_000 });
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  return figure;
}

function sceneOf(url: string): string | undefined {
  return /[#&]scene=(\d+)/.exec(new URL(url).hash)?.[1];
}

test('the clicker keys walk the scenes, and the address follows', async ({ page }) => {
  await page.goto(BLAST);
  const root = stage(page);
  await expect(root).toHaveAttribute('data-scene', '1');
  const count = await page.locator('[data-count]').textContent();
  const total = Number(/of (\d+)/.exec(count ?? '')?.[1]);
  expect(total).toBeGreaterThan(4);
  await expect(page.locator('[data-headline]')).toHaveText(/shared database is down/);

  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-scene', '2');
  expect(sceneOf(page.url())).toBe('2');
  await page.keyboard.press('PageDown');
  await expect(root).toHaveAttribute('data-scene', '3');
  await page.keyboard.press(' ');
  await expect(root).toHaveAttribute('data-scene', '4');
  await page.keyboard.press('PageUp');
  await expect(root).toHaveAttribute('data-scene', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(root).toHaveAttribute('data-scene', '2');
  await page.keyboard.press('End');
  await expect(root).toHaveAttribute('data-scene', String(total));
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-scene', String(total));
  await page.keyboard.press('Home');
  await expect(root).toHaveAttribute('data-scene', '1');
  expect(sceneOf(page.url())).toBe('1');

  // `o`: the overview; a scene picked there is shown.
  await page.keyboard.press('o');
  const overview = page.getByRole('dialog', { name: 'Scenes' });
  await expect(overview).toBeVisible();
  await expect(overview.getByRole('button')).toHaveCount(total + 1);
  await overview.getByRole('button', { name: /Timeouts alone/ }).click();
  await expect(overview).toBeHidden();
  await expect(page.locator('[data-headline]')).toHaveText('Timeouts alone do not');

  // `?`: the keys; Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keys' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Page Down');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // `f`: full screen, or a clear word when the browser refuses it; `f` again leaves it.
  await page.keyboard.press('f');
  await expect
    .poll(
      async () =>
        (await page.evaluate(() => document.fullscreenElement !== null)) ||
        (await page.locator('[data-notice]').isVisible()),
    )
    .toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);

  // `s`: the speaker-notes window opens, on the scene the stage shows.
  const [notes] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('s')]);
  await expect(notes).toHaveURL(/\/talk\/blast-radius\/notes\/$/);
  await expect(notes.locator('[data-talk-notes]')).toHaveAttribute('data-scene', '4');
});

test('a focused slider keeps its arrows; Page Down still moves and Escape hands arrows back', async ({
  page,
}) => {
  await page.goto(`${HOPS}#scene=2`);
  const chain = await figureOnStage(page, 'chain');
  await expect(chain).toHaveAttribute('data-hops', '20');
  const hops = chain.getByLabel('Remote hops in the chain (n)');
  await hops.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(chain).toHaveAttribute('data-hops', '19');
  await expect(stage(page)).toHaveAttribute('data-scene', '2');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
  await page.keyboard.press('PageUp');
  await expect(stage(page)).toHaveAttribute('data-scene', '2');
});

test('a scene opens its figure in the rehearsed state, and a reload returns to the same moment and numbers', async ({
  page,
}) => {
  await page.goto(HOPS);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
  let chain = await figureOnStage(page, 'chain');
  // Scene 3 is "Five hops": the scene set the figure's shape through its link state.
  await expect(chain).toHaveAttribute('data-hops', '5');

  // The speaker changes the figure live; the address follows.
  const rehearsed = new URL(page.url()).hash;
  await chain.getByLabel('Remote hops in the chain (n)').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(chain).toHaveAttribute('data-hops', '7');
  await expect(chain).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  // The address is written after the figure settles: wait for the new state, not any state.
  await expect.poll(() => new URL(page.url()).hash).toMatch(/chain=1\./);
  await expect.poll(() => new URL(page.url()).hash).not.toBe(rehearsed);
  const availability = await chain.getAttribute('data-availability');
  const bookmark = page.url();

  await page.reload();
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
  chain = await figureOnStage(page, 'chain');
  await expect(chain).toHaveAttribute('data-hops', '7');
  await expect(chain).toHaveAttribute('data-availability', availability ?? '');

  // A fresh page from the bookmark: the same again.
  const other = await page.context().newPage();
  await other.goto(bookmark);
  const again = await figureOnStage(other, 'chain');
  await expect(again).toHaveAttribute('data-hops', '7');
  await expect(again).toHaveAttribute('data-availability', availability ?? '');

  // Leaving and coming back opens the scene as rehearsed.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(await figureOnStage(page, 'chain')).toHaveAttribute('data-hops', '5');
});

test('a scene number that does not exist is reported, not obeyed', async ({ page }) => {
  await page.goto(`${BLAST}#scene=99`);
  await expect(page.locator('[data-notice]')).toContainText('asks for scene “99”');
  await expect(stage(page)).not.toHaveAttribute('data-scene', '99');
});

test('the notes window follows the stage and leads it', async ({ page, context }) => {
  await page.goto(BLAST);
  await expect(stage(page)).toHaveAttribute('data-scene', '1');
  const notes = await context.newPage();
  await notes.goto(`${BLAST}notes/`);
  const root = notes.locator('[data-talk-notes]');
  await expect(notes.locator('[data-link]')).toHaveText('Following the stage');
  await expect(root).toHaveAttribute('data-scene', '1');
  await expect(notes.locator('[data-notes]')).toContainText('shop-db');
  await expect(notes.locator('[data-next]')).toContainText('2. Down, hang, slow');
  await expect(notes.locator('[data-clock]')).toHaveText(/^\d+:\d\d$/);

  // Follows.
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-scene', '2');
  await expect(notes.locator('[data-headline]')).toHaveText(/a hang reaches furthest/);

  // Leads: keys and buttons in the notes window move the stage.
  await notes.keyboard.press('ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
  await expect(root).toHaveAttribute('data-scene', '3');
  await notes.getByRole('button', { name: '← Previous' }).click();
  await expect(stage(page)).toHaveAttribute('data-scene', '2');

  // The timer pauses and resumes.
  await notes.getByRole('button', { name: 'Pause' }).click();
  await expect(notes.getByRole('button', { name: 'Resume' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('the notes window rehearses alone when no stage is open', async ({ page }) => {
  await page.goto(`${HOPS}notes/`);
  await expect(page.locator('[data-link]')).toContainText('Stage not open');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-talk-notes]')).toHaveAttribute('data-scene', '2');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`stage, overview, keys and notes pass axe (system ${colorScheme})`, async ({
    page,
    context,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${BLAST}#scene=3`);
    await figureOnStage(page, 'optional-vs-timeouts');
    const stageScan = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(
      stageScan.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await page.keyboard.press('o');
    const overviewScan = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(overviewScan.violations.map((v) => v.id)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    const helpScan = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(helpScan.violations.map((v) => v.id)).toEqual([]);
    const notes = await context.newPage();
    await notes.emulateMedia({ colorScheme });
    await notes.goto(`${BLAST}notes/`);
    await expect(notes.locator('[data-link]')).toHaveText('Following the stage');
    const notesScan = await new AxeBuilder({ page: notes }).withTags(WCAG).analyze();
    expect(notesScan.violations.map((v) => v.id)).toEqual([]);
  });
}

const SHOTS: { path: string; figure: string; name: string }[] = [
  { path: `${BLAST}#scene=1`, figure: 'fail-a-component', name: 'blast-1-db-down' },
  { path: `${BLAST}#scene=2`, figure: 'blast-table', name: 'blast-2-table' },
  { path: `${BLAST}#scene=6`, figure: 'bulkhead-figure', name: 'blast-6-bulkhead' },
  { path: `${HOPS}#scene=1`, figure: 'knee-sweep', name: 'hops-1-knee' },
  { path: `${HOPS}#scene=2`, figure: 'chain', name: 'hops-2-chain' },
  {
    path: '/talk/what-is-a-distributed-monolith/#scene=1',
    figure: 'scorecard',
    name: 'ch1-1-scorecard',
  },
  {
    path: '/talk/what-is-a-distributed-monolith/#scene=4',
    figure: 'three-cuts',
    name: 'ch1-4-three-cuts',
  },
];

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`screenshots at ${size.width}×${size.height}`, async ({ page, context }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    for (const shot of SHOTS) {
      await page.goto('about:blank');
      await page.goto(shot.path);
      await figureOnStage(page, shot.figure);
      await page.waitForTimeout(400); // let the zoom settle after the last redraw (a picture, not an assertion)
      await page.screenshot({ path: `artifacts/talk/${shot.name}-${size.width}.png` });
    }
    await page.keyboard.press('o');
    await page.screenshot({ path: `artifacts/talk/overview-${size.width}.png` });
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.screenshot({ path: `artifacts/talk/keys-${size.width}.png` });
    const notes = await context.newPage();
    await notes.setViewportSize(size);
    await notes.goto('/talk/what-is-a-distributed-monolith/notes/');
    await expect(notes.locator('[data-link]')).toHaveText('Following the stage');
    await notes.screenshot({ path: `artifacts/talk/notes-${size.width}.png` });
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`an essay links to its talk, and the handout bar passes axe (${theme})`, async ({
    page,
  }) => {
    await page.addInitScript((t) => localStorage.setItem('lockstep-theme', t), theme);
    await page.goto('/essays/blast-radius/');
    // Scenes are invisible in the essay.
    await expect(page.locator('template[data-lockstep-scene]')).toHaveCount(7);
    await expect(page.locator('article.essay')).not.toContainText('Timeouts alone do not');
    const scan = await new AxeBuilder({ page })
      .include('.handout-bar')
      .include('.site-header')
      .include('.site-footer')
      .withTags(WCAG)
      .analyze();
    expect(
      scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    await page.getByRole('link', { name: 'Present this chapter' }).click();
    await expect(page).toHaveURL(/\/talk\/blast-radius\/#scene=1/);
    await expect(page.locator('[data-headline]')).toHaveText(/shared database is down/);
  });
}
