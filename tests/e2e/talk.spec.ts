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
  await expect(figure.locator('svg:visible, table:visible').first()).toBeVisible({
    timeout: 45_000,
  });
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  return figure;
}

function sceneOf(url: string): string | undefined {
  return /[#&]scene=(\d+)/.exec(new URL(url).hash)?.[1];
}

test('the list of talks leads from the home page to every stage, with the stage’s own scenes', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'The talks →' }).click();
  await expect(page).toHaveURL(/\/talk\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Talks');
  const talks = page.getByTestId('talk-list').locator(':scope > li');
  const count = await talks.count();
  // Every chapter has a talk (the chapters' scene test checks their sources).
  expect(count).toBe(6);
  await expect(page.locator('table.keys')).toContainText('Page Down');
  const decks: { url: string; headlines: string[] }[] = [];
  for (let i = 0; i < count; i++) {
    const talk = talks.nth(i);
    const url = (await talk.getByRole('link', { name: 'Present' }).getAttribute('href')) ?? '';
    const headlines = (await talk.locator('.scenes .headline').allTextContents()).map((t) =>
      t.trim(),
    );
    await expect(talk.locator('.meta')).toContainText(`${headlines.length} scene`);
    decks.push({ url, headlines });
  }
  // From the keyboard: the first "Present" link opens the first stage.
  await talks.first().getByRole('link', { name: 'Present' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${decks[0]?.url}`));
  for (const deck of decks) {
    if (!page.url().includes(deck.url)) await page.goto(deck.url);
    await expect(page.locator('[data-count]')).toContainText(`of ${deck.headlines.length}`);
    await page.keyboard.press('o');
    const overview = page.getByRole('dialog', { name: 'Scenes' });
    await expect(overview).toBeVisible();
    const onStage = (await overview.locator('.overview-item .t').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(onStage, deck.url).toEqual(deck.headlines);
  }
});

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

test('an address naming only the scene shown brings back the scene as rehearsed', async ({
  page,
}) => {
  await page.goto(`${HOPS}#scene=3`);
  let chain = await figureOnStage(page, 'chain');
  // Scene 3 is "Five hops", a state of the figure's own that the scene set.
  await expect(chain).toHaveAttribute('data-hops', '5');
  // The speaker types the scene's number alone into the address bar: no figure state in it.
  await page.evaluate(() => {
    location.hash = '#scene=3';
  });
  await expect.poll(() => new URL(page.url()).hash).toMatch(/chain=1\./);
  chain = await figureOnStage(page, 'chain');
  await expect(chain).toHaveAttribute('data-hops', '5');
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
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

test('a figure with more charts than fit shows them one at a time: ↓ steps through, then moves on', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/talk/retries-and-metastable-failure/#scene=2');
  await drawnOnStage(page);
  const pages = page.getByRole('group', { name: 'Charts of this figure' });
  await expect(pages).toContainText('Chart 1 of 3');
  const charts = page.locator('[data-slot] .charts > figure');
  await expect(charts.nth(0)).toBeVisible();
  await expect(charts.nth(1)).toBeHidden();
  await page.keyboard.press('ArrowDown');
  await expect(pages).toContainText('Chart 2 of 3');
  await expect(charts.nth(1)).toBeVisible();
  await expect(charts.nth(0)).toBeHidden();
  await expect(stage(page)).toHaveAttribute('data-scene', '2');
  await page.keyboard.press('ArrowUp');
  await expect(pages).toContainText('Chart 1 of 3');
  await pages.getByRole('button', { name: 'Next chart' }).click();
  await pages.getByRole('button', { name: 'Next chart' }).click();
  await expect(pages).toContainText('Chart 3 of 3');
  // Past the last chart, ↓ is the next scene (which opens at its first chart).
  await page.keyboard.press('ArrowDown');
  await expect(stage(page)).toHaveAttribute('data-scene', '3');
  await drawnOnStage(page);
  await expect(pages).toContainText('Chart 1 of 3');
  // → always moves, whatever chart is showing.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(stage(page)).toHaveAttribute('data-scene', '4');
});

test('a diagram to press and a state-machine replay are pages of their own: each page shows one panel', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const pages = page.getByRole('group', { name: 'Charts of this figure' });
  /** Which of the card's panels are on screen: its diagram, each chart, its replay. */
  const panels = () =>
    page.evaluate(() => {
      const card = document.querySelector('[data-slot] > figure > astro-island > .figure-card');
      const shown = (e: Element) => e.getBoundingClientRect().height > 0;
      const list = (selector: string) =>
        [...(card?.querySelectorAll(selector) ?? [])].map((e) => (shown(e) ? 'shown' : 'hidden'));
      return {
        diagram: list(':scope > .diagram'),
        charts: list(':scope > .charts > figure'),
        machine: list(':scope > .machine'),
      };
    });

  // Fail a component: the diagram, as wide as the card, then its availability chart.
  await page.goto(`${BLAST}#scene=1`);
  await drawnOnStage(page);
  await expect(pages).toContainText('Chart 1 of 2');
  expect(await panels()).toEqual({ diagram: ['shown'], charts: ['hidden'], machine: [] });
  await page.keyboard.press('ArrowDown');
  await expect(pages).toContainText('Chart 2 of 2');
  expect(await panels()).toEqual({ diagram: ['hidden'], charts: ['shown'], machine: [] });

  // The breaker: its two charts, then the replay of its state machine (whose own diagram is not
  // a page of its own).
  await page.goto('about:blank');
  await page.goto('/talk/retries-and-metastable-failure/#scene=4');
  await drawnOnStage(page);
  await expect(pages).toContainText('Chart 1 of 3');
  expect(await panels()).toEqual({ diagram: [], charts: ['shown', 'hidden'], machine: ['hidden'] });
  await page.keyboard.press('ArrowDown');
  await expect(pages).toContainText('Chart 2 of 3');
  expect(await panels()).toEqual({ diagram: [], charts: ['hidden', 'shown'], machine: ['hidden'] });
  await page.keyboard.press('ArrowDown');
  await expect(pages).toContainText('Chart 3 of 3');
  expect(await panels()).toEqual({ diagram: [], charts: ['hidden', 'hidden'], machine: ['shown'] });
  await expect(page.locator('[data-slot] .machine .diagram svg')).toBeVisible();
});

test('a figure that grew and then shrank back in small steps returns to its zoom', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${BLAST}#scene=2`);
  await drawnOnStage(page);
  const zoom = () =>
    page.evaluate(
      () =>
        Number.parseFloat(
          document.querySelector<HTMLElement>('[data-slot] > figure')?.style.zoom ?? '1',
        ) || 1,
    );
  // Settled: the same zoom in two looks further apart than the stage's fresh fit (150 ms).
  let before = 0;
  await expect
    .poll(
      async () => {
        const now = await zoom();
        const same = now === before;
        before = now;
        return same;
      },
      { intervals: [400] },
    )
    .toBe(true);
  // Something tall appears (explanations, a long summary): the figure must shrink to fit.
  await page.evaluate(() => {
    const tall = document.createElement('div');
    tall.id = 'tall';
    tall.style.height = '400px';
    // Beside the island, not in it, so no redraw of the island's own can take it away.
    document.querySelector('[data-slot] > figure')?.append(tall);
  });
  await expect.poll(zoom).toBeLessThan(before * 0.9);
  // It goes away a little at a time, each step too small to say the figure changed.
  await page.evaluate(async () => {
    const tall = document.getElementById('tall') as HTMLElement;
    for (let h = 400; h > 0; h -= 20) {
      tall.style.height = `${h}px`;
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    }
    tall.remove();
  });
  await expect.poll(zoom, { message: 'the figure is as large as before' }).toBe(before);
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

/** Every chapter with scenes (each has a talk at `/talk/<chapter>/`). */
const TALKS = [
  'what-is-a-distributed-monolith',
  'every-hop-costs',
  'blast-radius',
  'retries-and-metastable-failure',
  'deploying-in-lockstep',
  'contracts-events-and-time',
];

/**
 * The smallest chart text on screen, in CSS px, that the back of a room can read: 18 px at
 * 1280×720 is about what a 24 pt slide label is on a projector. Figures that cannot reach it
 * without a change to their own markup are listed with the size they do reach (at 1280×720; at
 * 1920×1080 everything is half as large again) and why; the closing report names the change.
 */
const LEGIBLE_PX = 18;
const BELOW_TARGET: Readonly<Record<string, { px: number; why: string }>> = {
  'deploy-shop-models': { px: 15, why: 'thirteen timeline rows set the height (measured 15.7 px)' },
  'release-shop-models': {
    px: 14.5,
    why: 'thirteen timeline rows set the height (measured 15 px)',
  },
  'optional-vs-timeouts': {
    px: 15,
    why: 'two facets side by side, their legend and the long summary under them (measured 15.3 px)',
  },
  groups: { px: 14, why: 'ten service columns and eight rows of the matrix (measured 14.7 px)' },
  'ways-out': {
    px: 12,
    why: 'the release order, small type inside the matrix cells (measured 12.4 px)',
  },
  workflows: { px: 15.5, why: 'four controls and a legend in the side column (measured 16 px)' },
  duplicates: { px: 16, why: 'a tall mode list in the side column (measured 16.5 px)' },
  'metastability-map': {
    px: 16,
    why: 'three controls and the progress line beside a square map (measured 16.8 px)',
  },
  'breaker-run': { px: 16, why: 'the state-machine replay, its last page, draws smaller type' },
  // Tables (their cells' type): six rows of the scorecard, or five of blast radius under a row of
  // controls, fill the height at this size.
  scorecard: {
    px: 15.5,
    why: 'six symptoms and the summary under the controls (measured 16.2 px)',
  },
  'one-click-scorecard': {
    px: 15,
    why: 'six symptoms and the summary under the controls (measured 15.5 px)',
  },
  'blast-table': { px: 15.5, why: 'two rows of controls above the table (measured 16.2 px)' },
  'bus-table': { px: 14.5, why: 'three cards of the bus above its table (measured 15.2 px)' },
};
/** Share of the screen the figure's subject covers; a thumbnail-sized chart is under a quarter. */
const LARGE_SHARE = 0.25;
/** Figures whose subject stays smaller, and why. */
const SMALL_SUBJECT: Readonly<Record<string, number>> = {
  // A wide, flat chart of two bars: its height is fixed by the island.
  workflows: 0.2,
  // A release of one deployable: a single row is all there is to draw.
  'monolith-train': 0.18,
};

/** The figure on stage has drawn and is not computing (figures without `data-busy` included). */
async function drawnOnStage(page: Page): Promise<void> {
  // Hidden until it has read its scene's state; before that it would show its defaults.
  await expect(page.locator('[data-slot] > figure')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-slot] :is(svg, table, .answer):visible').first()).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.locator('[data-slot] [data-busy="true"]')).toHaveCount(0, { timeout: 45_000 });
}

/**
 * Whether the figure is on screen as a speaker needs it: headline, controls and the figure's
 * subject (its chart, or its main table) inside the window with nothing scrolled, the subject
 * large, and the sizes of the smallest chart text and control text on screen.
 */
async function stageFit(page: Page) {
  return page.evaluate(() => {
    const slot = document.querySelector<HTMLElement>('[data-slot]');
    const card = slot?.querySelector<HTMLElement>(':scope > figure > astro-island > .figure-card');
    const headline = document.querySelector('[data-headline]');
    if (!slot || !card || !headline) return undefined;
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    const inside = (el: Element) => {
      const box = el.getBoundingClientRect();
      return (
        box.top >= 0 &&
        box.left >= 0 &&
        box.bottom <= innerHeight + 1 &&
        box.right <= innerWidth + 1
      );
    };
    /** The product of the CSS zooms from `el` up: how large its text is drawn. */
    const zoomOf = (el: Element) => {
      let zoom = 1;
      for (let at: Element | null = el; at; at = at.parentElement)
        zoom *= Number.parseFloat(getComputedStyle(at).zoom) || 1;
      return zoom;
    };
    const subject = [
      ...card.querySelectorAll(
        ':scope > :is(.charts, .chart, .scroll, table.card, .lockstep-view, .answer, .diagram, .machine)',
      ),
    ].filter(shown);
    // A diagram's names are read like a chart's text.
    const charts = [
      ...card.querySelectorAll<SVGSVGElement>(
        'svg[role="img"], .chart svg, .lockstep-view svg, :scope > .diagram svg',
      ),
    ].filter((svg) => shown(svg) && svg.getAttribute('aria-hidden') !== 'true');
    let chartPx = Number.POSITIVE_INFINITY;
    for (const svg of charts) {
      const view = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / (view?.width || svg.width.baseVal.value);
      for (const text of svg.querySelectorAll('text'))
        if (shown(text) && text.textContent?.trim())
          chartPx = Math.min(chartPx, Number.parseFloat(getComputedStyle(text).fontSize) * scale);
    }
    // So are the names of a chart's colour legend (Plot's swatches, HTML beside the SVG).
    for (const name of card.querySelectorAll('[class*="-swatches"] [class$="-swatch"]'))
      if (shown(name) && name.textContent?.trim())
        chartPx = Math.min(
          chartPx,
          Number.parseFloat(getComputedStyle(name).fontSize) * zoomOf(name),
        );
    // A table's cells, where the subject is a table (the scorecard, blast radius).
    const cells = [
      ...card.querySelectorAll(':scope > :is(.scroll, table.card) :is(th, td)'),
    ].filter((cell) => shown(cell) && cell.textContent?.trim());
    let tablePx = Number.POSITIVE_INFINITY;
    for (const cell of cells)
      tablePx = Math.min(
        tablePx,
        Number.parseFloat(getComputedStyle(cell).fontSize) * zoomOf(cell),
      );
    const controls = [...card.querySelectorAll('input, select, button, label')].filter(shown);
    let controlPx = Number.POSITIVE_INFINITY;
    for (const c of controls)
      controlPx = Math.min(controlPx, Number.parseFloat(getComputedStyle(c).fontSize) * zoomOf(c));
    const area = subject.reduce((sum, el) => {
      const box = el.getBoundingClientRect();
      return sum + box.width * box.height;
    }, 0);
    return {
      figure: card.closest('figure')?.id.replace(/^figure-/, '') ?? '',
      scrolled:
        slot.scrollHeight > slot.clientHeight + 1 ||
        document.documentElement.scrollHeight > innerHeight + 1,
      headlineInside: inside(headline),
      outside: [...subject, ...charts, ...controls]
        .filter((el) => !inside(el))
        .map((el) => el.outerHTML.slice(0, 60)),
      subjectShare: Math.round((area / (innerWidth * innerHeight)) * 100) / 100,
      chartPx: Number.isFinite(chartPx) ? Math.round(chartPx * 10) / 10 : undefined,
      tablePx: Number.isFinite(tablePx) ? Math.round(tablePx * 10) / 10 : undefined,
      controlPx: Number.isFinite(controlPx) ? Math.round(controlPx * 10) / 10 : undefined,
      zoom: Number.parseFloat(card.closest('figure')?.style.zoom ?? '1') || 1,
    };
  });
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  for (const chapter of TALKS) {
    test(`every scene of ${chapter} fits ${size.width}×${size.height}: headline, controls and a large chart, no scrolling`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await page.setViewportSize(size);
      await page.goto(`/talk/${chapter}/`);
      await expect(stage(page)).toHaveAttribute('data-scene', '1');
      const total = Number(
        /of (\d+)/.exec((await page.locator('[data-count]').textContent()) ?? '')?.[1],
      );
      expect(total).toBeGreaterThan(0);
      for (let scene = 1; scene <= total; scene++) {
        await page.goto('about:blank');
        await page.goto(`/talk/${chapter}/#scene=${scene}`);
        await drawnOnStage(page);
        // The zoom follows the figure's last redraw: poll until two looks agree and it fits.
        let last = '';
        await expect
          .poll(
            async () => {
              const fit = await stageFit(page);
              const now = JSON.stringify(fit);
              const settled = now === last;
              last = now;
              return (
                settled &&
                fit !== undefined &&
                !fit.scrolled &&
                fit.headlineInside &&
                fit.outside.length === 0
              );
            },
            { timeout: 30_000, message: `${chapter} scene ${scene} fits without scrolling` },
          )
          .toBe(true);
        const fit = await stageFit(page);
        if (!fit) throw new Error('no figure on stage');
        const where = `${chapter} scene ${scene} (${fit.figure}) at ${size.width}: ${JSON.stringify(fit)}`;
        console.log(where);
        // Large: the chart (or the figure's main table) covers at least a quarter of the screen;
        // a chart under a slide's headline covers about half, a thumbnail under a tenth.
        expect(fit.subjectShare, where).toBeGreaterThanOrEqual(
          SMALL_SUBJECT[fit.figure] ?? LARGE_SHARE,
        );
        const below = BELOW_TARGET[fit.figure];
        if (fit.chartPx !== undefined)
          expect(fit.chartPx, where).toBeGreaterThanOrEqual(below?.px ?? LEGIBLE_PX);
        if (fit.tablePx !== undefined)
          expect(fit.tablePx, where).toBeGreaterThanOrEqual(below?.px ?? LEGIBLE_PX);
      }
    });
  }
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

test('a scene never shows its figure with the defaults before its own state', async ({ page }) => {
  // Sampled on every frame from the first: the scene opens the scorecard on its verdicts alone,
  // so a visible "Show why" tick would be the figure's defaults flashing on stage.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenWhy: string[] }).seenWhy = seen;
    const look = () => {
      const figure = document.querySelector('[data-slot] > figure');
      const why = figure?.querySelector<HTMLInputElement>('input[type="checkbox"][id$="-why"]');
      if (figure && why && getComputedStyle(figure).visibility !== 'hidden')
        seen.push(why.checked ? 'why' : 'verdicts');
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/talk/deploying-in-lockstep/#scene=5');
  await drawnOnStage(page);
  await expect(page.locator('[data-slot] input[id$="-why"]')).not.toBeChecked();
  const seen = await page.evaluate(() => (window as unknown as { seenWhy: string[] }).seenWhy);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((s) => s === 'why')).toEqual([]);
});
