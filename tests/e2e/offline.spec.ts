import { expect, type Page, test } from '@playwright/test';

/**
 * The venue's network fails: after one visit, with the browser offline, a chapter and its talk
 * load from the service worker's precache and their figures re-simulate (the engine worker
 * script is precached too). Also: the printed handout hides controls and keeps the charts.
 */

async function readyOffline(page: Page) {
  await page.goto('/');
  await expect(page.locator('[data-offline-status]')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await expect(page.locator('[data-offline-status]')).toContainText('Ready offline');
}

test('after one visit, a chapter and talk mode load offline and their figures re-simulate', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await readyOffline(page);
  await context.setOffline(true);

  await page.goto('/essays/every-hop-costs/');
  await expect(page.getByRole('heading', { level: 1, name: 'Every hop costs' })).toBeVisible();
  const chain = page.locator('[data-figure="chain"]');
  await chain.scrollIntoViewIfNeeded();
  await expect(chain).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(chain).toHaveAttribute('data-hops', '20');
  const before = await chain.getAttribute('data-availability');
  expect(Number(before)).toBeGreaterThan(0);
  // A new input re-simulates in the (precached) engine worker.
  await chain.getByLabel('Remote hops in the chain (n)').fill('3');
  await expect(chain).toHaveAttribute('data-hops', '3');
  await expect(chain).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(chain).not.toHaveAttribute('data-availability', before ?? '');

  await page.goto('/talk/blast-radius/#scene=6');
  await expect(page.locator('[data-headline]')).toHaveText(/bulkhead of twenty/);
  const bulkhead = page.locator('[data-slot] [data-figure="bulkhead-figure"]');
  await expect(bulkhead).toHaveAttribute('data-busy', 'false', { timeout: 45_000 });
  await expect(bulkhead.locator('svg').first()).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('[data-talk-stage]')).toHaveAttribute('data-scene', '5');
  await expect(page.locator('[data-slot] [data-figure="bulkhead-figure"]')).toHaveAttribute(
    'data-busy',
    'false',
    { timeout: 45_000 },
  );

  const notes = await context.newPage();
  await notes.goto('/talk/blast-radius/notes/');
  await expect(notes.locator('[data-talk-notes]')).toHaveAttribute('data-scene', '5');
  await expect(notes.locator('[data-problem]')).toBeHidden();
});

test('the handout prints every figure drawn, without controls', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/essays/every-hop-costs/');
  // Stub the print dialog: the test checks what is on the page when it would open.
  await page.evaluate(() => {
    window.print = () => document.documentElement.setAttribute('data-printed', 'yes');
  });
  await page.getByRole('button', { name: 'Print handout' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-printed', 'yes', { timeout: 150_000 });
  await expect(page.locator('[data-handout-status]')).toHaveText('All figures drawn.');
  const frames = page.locator('figure.figure-frame');
  const count = await frames.count();
  expect(count).toBeGreaterThan(3);
  for (let i = 0; i < count; i++)
    await expect(frames.nth(i).locator('svg, table').first()).toBeAttached();

  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('figure.figure-frame form').first()).toBeHidden();
  await expect(page.locator('figure.figure-frame svg').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sources' })).toBeVisible();
  await page.pdf({ path: 'artifacts/talk/handout-every-hop-costs.pdf', format: 'A4' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: 'artifacts/talk/handout-print.png', fullPage: false });
});
