import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';

/**
 * Chapter 1 as a reader uses it: the scorecard explorer's verdicts move with the release style,
 * the team ownership and the release risk, and they come from the engine worker, not the page;
 * the figure works from the keyboard and passes axe in both themes. Screenshots of the chapter's
 * figures at a projector's 1280×720 go to artifacts/screenshots/.
 */

const CHAPTER = '/essays/what-is-a-distributed-monolith/';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Verdicts = Record<string, string>;

async function verdicts(figure: Locator): Promise<Verdicts> {
  return JSON.parse((await figure.getAttribute('data-verdicts')) ?? '{}') as Verdicts;
}

/** Astro drops an island's `ssr` attribute once it has hydrated and can take input. */
async function explorer(page: Page): Promise<Locator> {
  await page.goto(CHAPTER);
  const figure = page.locator('[data-figure="scorecard"]');
  await figure.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island:has([data-figure="scorecard"])')).not.toHaveAttribute(
    'ssr',
    '',
  );
  await expect(figure).toHaveAttribute('data-busy', 'false');
  return figure;
}

async function settledTo(figure: Locator, expected: Partial<Verdicts>): Promise<void> {
  await expect(figure).toHaveAttribute('data-busy', 'false');
  await expect.poll(() => verdicts(figure), { timeout: 10_000 }).toMatchObject(expected);
}

test('the distributed monolith as written: lockstep, the shared database and the shared model are bad', async ({
  page,
}) => {
  const figure = await explorer(page);
  expect(await verdicts(figure)).toEqual({
    changeCoupling: 'bad',
    lockstepDeploys: 'bad',
    chattiness: 'warn',
    sharedTeams: 'ok',
    sharedDatastores: 'bad',
    sharedModels: 'bad',
  });
  await expect(figure.locator('tr[data-symptom="lockstepDeploys"] .why')).toContainText(
    '10 services',
  );
});

test('one click makes the slow releases cheap but not the risky ones; a low failure rate makes them cheap too', async ({
  page,
}) => {
  const figure = await explorer(page);
  await figure.getByLabel('Release style').selectOption('one-click');
  await settledTo(figure, {
    changeCoupling: 'ok',
    sharedDatastores: 'warn',
    lockstepDeploys: 'bad',
    sharedModels: 'bad',
  });
  await expect(figure.locator('tr[data-symptom="sharedDatastores"] .was')).toHaveText('was bad');
  await expect(figure.locator('.summary')).toContainText('2 verdicts differ');

  await figure.getByLabel('Deploy failure rate').fill('0.01');
  await settledTo(figure, { lockstepDeploys: 'warn', sharedModels: 'warn' });
  await expect(figure.locator('tr[data-symptom="lockstepDeploys"] .why')).toContainText(
    'one-click',
  );
});

test('one team owning everything removes the cross-team costs but overloads the team', async ({
  page,
}) => {
  const figure = await explorer(page);
  await figure.getByLabel('Team ownership').selectOption('one-team');
  await settledTo(figure, { sharedTeams: 'bad', sharedDatastores: 'warn', sharedModels: 'warn' });
  await expect(figure.locator('tr[data-symptom="sharedTeams"] .why')).toContainText('one-team');
});

test('the explorer works from the keyboard, and Reset returns it to the document', async ({
  page,
}) => {
  const figure = await explorer(page);
  const slider = figure.getByLabel('Deploy failure rate');
  await slider.focus();
  // Arrow keys move the slider in 0.5% steps: the default 2% down to 1%.
  for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowLeft');
  await expect(figure.locator('output')).toHaveText('1% per service');
  await figure.getByLabel('Release style').focus();
  await page.keyboard.press('ArrowDown');
  await settledTo(figure, { lockstepDeploys: 'warn' });
  await figure.getByRole('button', { name: 'Reset' }).click();
  await settledTo(figure, { lockstepDeploys: 'bad', sharedDatastores: 'bad' });
  await expect(figure.locator('output')).toHaveText('2% per service');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the chapter's figures have no axe violations (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({
      colorScheme: theme,
      viewport: { width: 1280, height: 720 },
    });
    const page = await context.newPage();
    const figure = await explorer(page);
    await figure.getByLabel('Release style').selectOption('one-click');
    await settledTo(figure, { sharedDatastores: 'warn' });
    const results = await new AxeBuilder({ page })
      .include('[data-figure="scorecard"]')
      .withTags(WCAG)
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await context.close();
  });
}

test('the three cuts answer a drag with a first look at a quarter of the requests, said to be one, then the full comparison', async ({
  page,
}) => {
  await page.goto(CHAPTER);
  const figure = page.locator('[data-figure="three-cuts"]');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(figure).toHaveAttribute('data-stage', 'refined');
  const full = await figure.getAttribute('data-requests');
  // Every stage the figure passes through, and what its note says at each.
  await figure.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { __stages: string[] }).__stages = seen;
    new MutationObserver(() => {
      const note = el.querySelector('.note')?.textContent ?? '';
      seen.push(`${el.getAttribute('data-stage')}: ${note}`);
    }).observe(el, { attributes: true, attributeFilter: ['data-stage'] });
  });
  await figure.getByLabel(/load/i).first().press('ArrowRight');
  await expect(figure).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(figure).toHaveAttribute('data-stage', 'refined');
  const stages = await page.evaluate(() => (window as unknown as { __stages: string[] }).__stages);
  const quarter = Math.round(Number(full) / 4).toLocaleString('en');
  expect(stages[0]).toBe(
    `coarse: First ${quarter} of ${Number(full).toLocaleString('en')} simulated requests; refining…`,
  );
  expect(stages.at(-1)).toMatch(/^refined: /);
  await expect(figure.locator('.note')).toHaveText(
    `${Number(full).toLocaleString('en')} simulated requests`,
  );
  // The full comparison carries its noise again: every cut's p50 has a standard error.
  await expect(figure.locator('table.compare td .se').first()).toHaveText(/±/);
});

test('screenshots of the chapter at 1280×720', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const figure = await explorer(page);
  await figure.getByLabel('Release style').selectOption('one-click');
  await settledTo(figure, { sharedDatastores: 'warn' });
  await figure.screenshot({ path: 'artifacts/screenshots/chapter1.png' });
  // A speaker hides the reasons: controls and all six verdicts fit one 1280×720 screen.
  await figure.getByLabel('Show why').uncheck();
  await expect(figure.locator('td.why')).toHaveCount(0);
  await figure.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'artifacts/screenshots/chapter1-scorecard-viewport.png' });
  const box = await figure.boundingBox();
  expect(box?.height ?? 1000).toBeLessThanOrEqual(720);
  for (const id of ['three-cuts', 'design']) {
    const other = page.locator(`[data-figure="${id}"]`);
    await other.scrollIntoViewIfNeeded();
    await expect(other).toHaveAttribute('data-availability', /\d/, { timeout: 45_000 });
    if (id === 'design')
      await expect(other).toHaveAttribute('data-stage', 'refined', { timeout: 45_000 });
    await expect(other).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
    await other.screenshot({ path: `artifacts/screenshots/chapter1-${id}.png` });
  }
  await context.close();
});
