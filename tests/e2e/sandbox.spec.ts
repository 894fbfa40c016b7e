import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { encodeShare } from '../../src/sandbox/shareCodec.ts';

/**
 * The design-review sandbox as a reader uses it, on the built site: open a document, see the
 * engine's markers where the problem is, complete a name, fix it and watch the figures follow,
 * compare two designs, share a link, survive hostile links and reloads, import docker-compose.
 */

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SLOW = { timeout: 45_000 };

/** A small valid design; `call` is the last line so a test can edit it with Ctrl+End. */
function design(call: string, replicas = 2): string {
  return `name: Two services
endpoints:
  home: { operation: web.home }
datastores:
  catalog-db: { owner: catalog }
services:
  catalog:
    operations:
      list:
        work: 2ms
        steps:
          - query: catalog-db
  web:
    replicas: ${replicas}
    operations:
      home:
        work: 1ms
        steps:
          - call: ${call}`;
}
/** The 1-based line of the `call`. */
const CALL_LINE = 19;

async function openSandbox(page: Page, path = '/sandbox/'): Promise<Locator> {
  await page.goto(path);
  const app = page.locator('.sandbox');
  await expect(app).toHaveAttribute('data-ready', 'true', SLOW);
  return app;
}

async function upload(page: Page, name: string, text: string) {
  await page
    .locator('label.file-button', { hasText: 'Upload .yaml' })
    .locator('input')
    .setInputFiles({
      name,
      mimeType: 'text/yaml',
      buffer: Buffer.from(text),
    });
}

async function settled(app: Locator) {
  await expect(app).toHaveAttribute('data-busy', 'false', SLOW);
}

test('a broken document shows a marker at the right line; completion offers the name; fixing it clears the marker and updates the figures', async ({
  page,
}) => {
  const app = await openSandbox(page);
  // A first valid result (the starting preset), so that the figures have something to keep.
  await expect(app).toHaveAttribute('data-stage', 'full', SLOW);
  await upload(page, 'broken.yaml', design('catalg.list'));
  await expect(app).toHaveAttribute('data-errors', '1', SLOW);
  const problem = page.locator('.problems li.error');
  await expect(problem).toHaveCount(1);
  await expect(problem.getByRole('button')).toHaveText(`Line ${CALL_LINE}, column 19`);
  await expect(problem).toContainText('did you mean "catalog"');
  // The squiggle sits on that line of the editor.
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  await expect(squiggle).toBeVisible();
  const lineHeight = 21;
  const editorTop = (await page.locator('.monaco-editor .view-lines').boundingBox())?.y ?? 0;
  const squiggleTop = (await squiggle.boundingBox())?.y ?? 0;
  expect(Math.round((squiggleTop - editorTop) / lineHeight) + 1).toBe(CALL_LINE);
  // The figures keep the last valid design, dimmed, and say so.
  await expect(page.locator('.stale-note')).toBeVisible();

  // Retype the name with completion: the document's own operations are offered.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  for (let i = 0; i < 'catalg.list'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('cat');
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.monaco-editor .suggest-widget .monaco-list-row', {
    hasText: 'catalog.list',
  });
  await expect(suggestion).toBeVisible(SLOW);
  await suggestion.click();
  await expect(app).toHaveAttribute('data-errors', '0', SLOW);
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  await expect(page.locator('.run-line')).toContainText('Two services:', SLOW);
  await expect(page.locator('.charts figure[data-chart="latency"] svg[role="img"]')).toBeVisible(
    SLOW,
  );
  await expect(page.locator('.problems h2')).toHaveText('No problems');
  await expect(page.locator('.stale-note')).toHaveCount(0);
});

test('a quick fix applies the "did you mean" of a marker', async ({ page }) => {
  const app = await openSandbox(page);
  await upload(page, 'typo.yaml', design('catalog.lst'));
  await expect(app).toHaveAttribute('data-errors', '1', SLOW);
  await page.locator('.problems li.error').getByRole('button').click();
  await page.keyboard.press('Control+.');
  await expect(page.getByText('Change "catalog.lst" to "catalog.list"').first()).toBeVisible(SLOW);
  await page.keyboard.press('Enter');
  await expect(app).toHaveAttribute('data-errors', '0', SLOW);
});

test('compare: design A kept, B edited, both shown side by side with what changed', async ({
  page,
}) => {
  const app = await openSandbox(page);
  await upload(page, 'a.yaml', design('catalog.list', 2));
  await expect(app).toHaveAttribute('data-stage', 'full', SLOW);
  await settled(app);
  await page.getByRole('button', { name: 'Keep as design A' }).click();
  await upload(page, 'b.yaml', design('catalog.list', 5));
  const compare = page.getByRole('region', { name: 'Compare design A and design B' });
  await expect(compare).toBeVisible(SLOW);
  await expect(compare.locator('.changes')).toContainText('services.web.replicas: 2 → 5', SLOW);
  const rows = compare.locator('table').first().locator('tbody tr');
  await expect(rows.filter({ hasText: 'p99 latency' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Cores provisioned' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Largest lockstep group' })).toHaveCount(1);
  await expect(compare.locator('figure[data-chart="compare-latency"] svg[role="img"]')).toBeVisible(
    SLOW,
  );
  await expect(compare.locator('[data-symptom]')).toHaveCount(6);
});

test('a share link round-trips the document, and a document too large for a link is refused with a download', async ({
  page,
  browser,
}) => {
  const app = await openSandbox(page);
  await upload(page, 'shared.yaml', design('catalog.list', 3));
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.locator('#sandbox-link').inputValue();
  expect(link).toContain('/sandbox/#doc=');

  const other = await browser.newContext();
  const reader = await other.newPage();
  const opened = await openSandbox(reader, link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(opened).toHaveAttribute('data-from-link', 'true');
  await expect(opened).toHaveAttribute('data-valid', 'true', SLOW);
  await expect(reader.locator('.run-line')).toContainText('Two services:', SLOW);
  await expect(reader.locator('.monaco-editor .view-lines')).toContainText('replicas: 3');
  await other.close();

  // Random text does not compress: far past what a link may carry.
  let big = design('catalog.list');
  for (let i = 0; i < 3000; i++) big += `\n# ${((i * 2654435761) % 4294967296).toString(36)}${i}`;
  await upload(page, 'big.yaml', big);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'too large for a link' });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole('button', { name: /Download/ })).toBeVisible();
});

test('hostile links open with their errors shown, never hang, and leave the saved draft alone', async ({
  page,
}) => {
  const app = await openSandbox(page);
  const mine = design('catalog.list', 4);
  await upload(page, 'mine.yaml', mine);
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  const saved = async () =>
    page.evaluate(() => localStorage.getItem('lockstep-sandbox-drafts') ?? '');
  await expect.poll(async () => (await saved()).includes('replicas: 4')).toBe(true);
  const before = await saved();

  let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i);
    bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]\n`;
  }
  const valid = encodeShare(design('catalog.list'));
  if (!valid.ok) throw new Error('the design fits a link');
  const hostile = [
    encodeShare(bomb),
    encodeShare(
      'name: x\nworkload: { requests: 1e308, rate: 1e308 }\nservices: { a: { replicas: 99999999999999999999, operations: { b: { work: 1e300ms } } } }\nendpoints: { e: { operation: a.b } }\n',
    ),
    encodeShare('\u0000\u0001 garbage: [ { ] }'),
  ].map((r) => (r.ok ? r.hash : ''));
  const links = [
    ...hostile,
    '#doc=!!!not-base64!!!',
    valid.hash.slice(0, Math.floor(valid.hash.length / 2)),
  ];
  for (const hash of links) {
    // From another page, so that each link is a fresh load (a hash change alone is not).
    await page.goto('about:blank');
    await page.goto(`/sandbox/${hash}`);
    await expect(app).toHaveAttribute('data-ready', 'true', SLOW);
    await expect(app).toHaveAttribute('data-from-link', 'true');
    // Errors: engine markers for a readable document, or the link's own message at line 1.
    await expect(page.locator('.problems li.error').first()).toBeVisible(SLOW);
    // …and in the editor: F8 jumps to the first marker and shows its message.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('F8');
    await expect(page.locator('.monaco-editor .marker-widget')).toBeVisible(SLOW);
    expect(await saved()).toBe(before);
  }
  await page.goto('/sandbox/');
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('replicas: 4');
});

test('a docker-compose file imports as a skeleton with what to fill in marked', async ({
  page,
}) => {
  const app = await openSandbox(page);
  const compose = `services:
  web:
    image: nginx
    ports: ["80:80"]
    depends_on: [api]
  api:
    build: .
    deploy: { replicas: 3 }
    depends_on: [db]
  db:
    image: postgres:16
`;
  await page
    .locator('label.file-button', { hasText: 'Import docker-compose' })
    .locator('input')
    .setInputFiles({
      name: 'docker-compose.yml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(compose),
    });
  await expect(page.locator('.status')).toContainText(
    'Imported docker-compose.yml: 2 services, 1 datastore, 1 endpoint',
  );
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('TODO');
  // The whole skeleton, as saved in the new draft (the editor shows only the lines in view).
  const stored = await page.evaluate(() => localStorage.getItem('lockstep-sandbox-drafts') ?? '');
  expect(stored).toContain('- call: api.handle');
  expect(stored).toContain('replicas: 3 # from deploy.replicas');
  expect(stored).toContain('- query: db');
  await expect(page.locator('.run-line')).toContainText('Imported from docker-compose.yml', SLOW);
});

test('drafts survive a reload, and several are kept', async ({ page }) => {
  const app = await openSandbox(page);
  await upload(page, 'first.yaml', design('catalog.list', 6));
  await expect(page.locator('.status')).toContainText('Opened first.yaml');
  await upload(page, 'second.yaml', design('catalog.list', 7));
  await expect(page.locator('.status')).toContainText('Opened second.yaml');
  await expect(page.locator('.status')).toContainText('Saved in this browser as “second 1”');
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  await page.reload();
  await expect(app).toHaveAttribute('data-ready', 'true', SLOW);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('replicas: 7');
  const drafts = page.getByLabel('Draft', { exact: true });
  await expect(drafts.locator('option', { hasText: 'first 1' })).toHaveCount(1);
  await drafts.selectOption('first 1');
  await page.getByRole('button', { name: 'Switch' }).click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('replicas: 6');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the sandbox passes axe in the ${theme} theme, and the editor follows the theme`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const app = await openSandbox(page);
    await expect(app).toHaveAttribute('data-stage', 'full', SLOW);
    await expect(page.locator('.results [data-symptom]').first()).toBeVisible(SLOW);
    await expect(page.locator('.monaco-editor').first()).toHaveClass(
      theme === 'dark' ? /vs-dark/ : /\bvs\b/,
    );
    const results = await new AxeBuilder({ page }).withTags(WCAG).exclude('.editor').analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('the editor can be left from the keyboard with Ctrl+M, as the page says', async ({ page }) => {
  await openSandbox(page);
  await expect(page.locator('.intro')).toContainText('Ctrl+M');
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  const inEditor = await page.evaluate(
    () => document.activeElement?.closest('.monaco-editor') !== null,
  );
  expect(inEditor).toBe(false);
});

test('essay pages never load the editor', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (request) => loaded.push(request.url()));
  for (const path of [
    '/',
    '/essays/what-is-a-distributed-monolith/',
    '/essays/blast-radius/',
    '/figures/',
  ]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(500);
  }
  expect(loaded.filter((url) => /monaco|editor\.worker|SandboxApp|codicon/i.test(url))).toEqual([]);
});

test('a preset with side effects and events shows duplicates and workflows from the engine', async ({
  page,
}) => {
  const app = await openSandbox(page);
  const start = page.getByLabel('Start from');
  const names = await start.locator('option').allTextContents();
  test.skip(
    !names.includes('Preset: double-charge'),
    'the double-charge preset is not in this build',
  );
  await start.selectOption({ label: 'Preset: double-charge' });
  await page.getByRole('button', { name: 'Open as new draft' }).click();
  await expect(app).toHaveAttribute('data-stage', 'full', SLOW);
  const effects = page.locator('table.facts').filter({ hasText: 'Side effects' });
  await expect(effects).toBeVisible(SLOW);
  await expect(effects.locator('tbody tr').first()).toBeVisible();
});

test('the JSON Schema drives field completion and hover documentation', async ({ page }) => {
  const app = await openSandbox(page);
  await upload(page, 'schema.yaml', design('catalog.list'));
  await expect(app).toHaveAttribute('data-valid', 'true', SLOW);
  // Hover a field: its description from the schema.
  await page
    .locator('.monaco-editor .view-line', { hasText: /^endpoints:/ })
    .first()
    .hover({ position: { x: 15, y: 8 } });
  await expect(
    page.locator('.monaco-hover').filter({ hasText: 'topology-v1.json' }).first(),
  ).toBeVisible(SLOW);
  // A new top-level field: the schema's names are offered.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('blast');
  await page.keyboard.press('Control+Space');
  await expect(
    page.locator('.suggest-widget .monaco-list-row', { hasText: 'blastRadius' }),
  ).toBeVisible(SLOW);
});

test('a review exports as Markdown with the CI command, and every chart as SVG and PNG', async ({
  page,
}) => {
  const app = await openSandbox(page);
  await upload(page, 'review.yaml', design('catalog.list'));
  await expect(app).toHaveAttribute('data-stage', 'full', SLOW);
  // The blast radius of this document (not the one before), with its simulated columns.
  await expect(page.locator('.blast caption', { hasText: 'Two services' })).toBeAttached(SLOW);
  await expect(
    page.locator('.results .stage').filter({ hasText: 'static and simulated' }),
  ).toBeVisible(SLOW);
  const exportButton = page.getByRole('button', { name: 'Export review (Markdown)' });
  await expect(exportButton).toBeEnabled(SLOW);
  const [review] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  expect(review.suggestedFilename()).toBe('review-1-review.md');
  const markdown = await (await review.createReadStream())
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(markdown).toContain('### Lockstep check: Two services');
  expect(markdown).toContain('| Verdict | Symptom | Value | Why |');
  expect(markdown).toContain('#### Lockstep groups');
  expect(markdown).toContain('| Endpoint | Requests | Availability | p50 | p95 | p99 | p99.9 |');
  expect(markdown).toContain('npm run --silent check -- review-1.yaml --fail-on bad');
  expect(markdown).toContain('- call: catalog.list');

  const latency = page.locator('figure[data-chart="latency"]');
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    latency.getByRole('button', { name: /as SVG/ }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe('latency.svg');
  const svgText = await (await svg.createReadStream())
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    latency.getByRole('button', { name: /as PNG/ }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('latency.png');
  const pngBytes = await (await png.createReadStream())
    .toArray()
    .then((chunks) => Buffer.concat(chunks));
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
});
