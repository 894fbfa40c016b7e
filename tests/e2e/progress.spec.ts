import { readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';

/**
 * Predictions and reading progress as a reader meets them: commit from the keyboard, see it shown
 * back and kept across a reload, what to notice revealed only then; the home page counts it, and
 * "Clear my progress" forgets it. Nothing leaves the browser: no cookies, no other origin.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'dark'] as const;
const KEY = 'lockstep:progress:v1';

function watch(page: Page, origin: string) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) {
      problems.push(`request to another origin: ${request.url()}`);
    }
  });
  return problems;
}

/** Axe over the page, or only over `selector` (the site test runs it over whole pages). */
async function axe(page: Page, selector?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(WCAG);
  const results = await (selector ? builder.include(selector) : builder).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The first published chapter with a `<Predict … options={…}>`, and that prediction's id. */
function chapterWithChoice(): { slug: string; id: string } | undefined {
  for (const file of readdirSync('content').sort()) {
    if (!file.endsWith('.mdx') || file.startsWith('_')) continue;
    const text = readFileSync(`content/${file}`, 'utf8');
    if (/^draft:\s*true/m.test(text)) continue;
    for (const m of text.matchAll(/<Predict\b([^>]*?)>/gs)) {
      const props = m[1] ?? '';
      const id = /\bid="([^"]+)"/.exec(props)?.[1];
      if (id && /\boptions=/.test(props)) return { slug: file.replace(/\.mdx$/, ''), id };
    }
  }
  return undefined;
}

async function open(
  browser: Browser,
  theme: (typeof THEMES)[number] = 'light',
  reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
) {
  const context = await browser.newContext({ colorScheme: theme, reducedMotion });
  const page = await context.newPage();
  return { context, page };
}

test('a guess is committed from the keyboard, shown back, kept and reveals what to notice', async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await open(browser);
  const problems = watch(page, new URL(baseURL as string).origin);
  await page.goto('/figures/');
  const predict = page.locator('[data-predict="shop-db-down"]');
  const slider = predict.getByRole('slider', { name: /shop-db down/ });
  await expect(slider).toBeVisible();
  await expect(predict.locator('.notice')).toHaveCount(0);
  await expect(predict.locator('[data-committed="false"]')).toBeVisible();

  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '60%');
  await page.keyboard.press('Tab');
  await expect(predict.getByRole('button', { name: 'Commit my prediction' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(predict.getByText('You predicted 60%.')).toBeVisible();
  await expect(predict.getByText('You predicted 60%.')).toBeFocused();
  await expect(predict.locator('.notice')).toBeVisible();
  await expect(predict.locator('.num')).toHaveText(/^\d+(\.\d+)?%$/);

  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  expect(JSON.parse(stored ?? '{}').predictions['/figures']['shop-db-down']).toMatchObject({
    value: 60,
    label: '60%',
  });

  await page.reload();
  await expect(predict.getByText('You predicted 60%.')).toBeVisible();
  await expect(predict.locator('.notice')).toBeVisible();

  // The reader may change their mind: the slider comes back where they left it.
  await predict.getByRole('button', { name: 'Change' }).click();
  await expect(slider).toBeFocused();
  await expect(slider).toHaveAttribute('aria-valuetext', '60%');
  await page.keyboard.press('ArrowLeft');
  await predict.getByRole('button', { name: 'Commit my prediction' }).press('Enter');
  await expect(predict.getByText('You predicted 55%.')).toBeVisible();

  expect(await context.cookies()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

for (const theme of THEMES) {
  test(`a choice prediction in a chapter, before and after committing, is axe-clean in the ${theme} theme`, async ({
    browser,
    baseURL,
  }) => {
    const target = chapterWithChoice();
    test.skip(target === undefined, 'no chapter has a choice prediction yet');
    if (!target) return;
    const { context, page } = await open(browser, theme);
    const problems = watch(page, new URL(baseURL as string).origin);
    await page.goto(`/essays/${target.slug}/`);
    const predict = page.locator(`[data-predict="${target.id}"]`);
    const radios = predict.getByRole('radio');
    await expect(radios.first()).toBeVisible();
    const scope = `[data-predict="${target.id}"]`;
    expect(await axe(page, scope)).toEqual([]);

    // Committing without a choice says so, without losing the question.
    await predict.getByRole('button', { name: 'Commit my prediction' }).click();
    await expect(predict.getByRole('alert')).toHaveText('Pick one answer first.');

    await radios.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(radios.nth(1)).toBeChecked();
    const chosen = (await predict.locator('label.option').nth(1).textContent())?.trim() ?? '';
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(predict.locator('.result')).toContainText(`You predicted ${chosen}.`);
    await expect(predict.locator('.notice')).toBeVisible();
    expect(await axe(page, scope)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
}

test('with reduced motion, what to notice appears without animation', async ({ browser }) => {
  const { context, page } = await open(browser, 'light', 'reduce');
  await page.goto('/figures/');
  const predict = page.locator('[data-predict="shop-db-down"]');
  await predict.getByRole('button', { name: 'Commit my prediction' }).click();
  const notice = predict.locator('.notice');
  await expect(notice).toBeVisible();
  expect(await notice.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
  await context.close();
});

test('the home page shows reading progress per chapter, and clears it', async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await open(browser);
  const problems = watch(page, new URL(baseURL as string).origin);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Clear my progress' })).toBeHidden();
  const first = page.locator('[data-progress-chapter]').first();
  const slug = (await first.getAttribute('data-progress-chapter')) ?? '';
  const asked = Number(await first.getAttribute('data-predictions'));

  // Mark the first chapter read with its button (before the end has been in view for a second,
  // which would mark it too), and make one of its predictions if it has any.
  await page.goto(`/essays/${slug}/`);
  const mark = page.getByRole('button', { name: 'Mark as read' });
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('You have read this chapter.')).toBeVisible();
  const predict = page.locator('[data-predict]').first();
  let made = 0;
  if ((await predict.count()) > 0) {
    const radio = predict.getByRole('radio').first();
    if ((await radio.count()) > 0) await radio.check();
    await predict.getByRole('button', { name: 'Commit my prediction' }).click();
    await expect(predict.getByText(/You predicted/)).toBeVisible();
    made = 1;
  }

  await page.goto('/');
  await expect(first).toContainText('✓ read');
  if (made > 0) await expect(first).toContainText(`${made} of ${asked} predictions made`);
  await expect(page.locator('[data-progress-text]')).toContainText('You have read 1 of');
  expect(await axe(page)).toEqual([]);

  const clear = page.getByRole('button', { name: 'Clear my progress' });
  await clear.focus();
  await page.keyboard.press('Enter');
  await expect(first).not.toContainText('read');
  await expect(clear).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Essays', level: 2 })).toBeFocused();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();

  expect(await context.cookies()).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('a chapter is marked read when the reader reaches its end', async ({ browser }) => {
  const { context, page } = await open(browser);
  await page.goto('/');
  const slug =
    (await page.locator('[data-progress-chapter]').first().getAttribute('data-progress-chapter')) ??
    '';
  await page.goto(`/essays/${slug}/`);
  await page.locator('[data-reading-mark]').scrollIntoViewIfNeeded();
  await expect(page.getByText('You have read this chapter.')).toBeVisible();
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  expect(Object.keys(JSON.parse(stored ?? '{}').read ?? {})).toEqual([slug]);
  await context.close();
});

test('the glossary lists the terms, and a term links to its entry', async ({ page }) => {
  await page.goto('/glossary/');
  const glossary = page.getByTestId('glossary');
  for (const term of ['blast radius', 'tail latency', 'circuit breaker', 'expand/contract']) {
    await expect(
      glossary.locator('dt').getByRole('link', { name: term, exact: true }),
    ).toBeVisible();
  }
  await page.goto('/figures/');
  const predict = page.locator('[data-predict="shop-db-down"]');
  await predict.getByRole('button', { name: 'Commit my prediction' }).click();
  await predict.getByRole('link', { name: 'blast radius' }).click();
  await expect(page).toHaveURL(/\/glossary\/#blast-radius$/);
  await expect(page.locator('#blast-radius')).toBeInViewport();
});

test('the chapters lead from one to the next in reading order', async ({ page }) => {
  await page.goto('/');
  const slugs = await page
    .locator('[data-progress-chapter]')
    .evaluateAll((spots) => spots.map((s) => (s as HTMLElement).dataset.progressChapter ?? ''));
  await page.goto(`/essays/${slugs[0]}/`);
  for (const [i, slug] of slugs.entries()) {
    await expect(page).toHaveURL(new RegExp(`/essays/${slug}/$`));
    const pager = page.getByRole('navigation', { name: 'Other essays' });
    if (i > 0)
      await expect(pager.locator('a[rel="prev"]')).toHaveAttribute(
        'href',
        `/essays/${slugs[i - 1]}/`,
      );
    if (i < slugs.length - 1) await pager.locator('a[rel="next"]').click();
  }
});
