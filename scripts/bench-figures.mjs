#!/usr/bin/env node
// The figures' end-to-end benchmark: real Chromium against the built site. It measures what a
// reader feels (slider input → chart redrawn, main-thread long tasks while dragging) and what
// a page costs (JavaScript before and after the figures hydrate, the worker), prints a table and
// writes artifacts/bench-figures.json. Not a test: numbers are reported, not asserted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH } from './chromium.mjs';

const PORT = 4331;
const BASE = `http://127.0.0.1:${PORT}`;
const ESSAY = '/essays/what-is-a-distributed-monolith/';
const TOUR = '/figures/';
const STEPS = 25;

// A separate output folder, so the benchmark never races a `npm run build` going on elsewhere.
const OUT = 'artifacts/bench-site';

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('astro', ['build', '--outDir', OUT], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = spawn(
  'astro',
  ['preview', '--outDir', OUT, '--host', '127.0.0.1', '--port', String(PORT)],
  {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('astro preview did not start');
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** JavaScript a page loads, gzip-compressed as a server would send it. */
function trackScripts(page) {
  const scripts = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !response.url().endsWith('.js')) return;
    try {
      const body = await response.body();
      scripts.push({
        url: response.url(),
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      });
    } catch {
      /* redirects have no body */
    }
  });
  return scripts;
}

async function inlineScriptBytes(page) {
  const text = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'),
  );
  return gzipSync(Buffer.from(text), { level: 9 }).length;
}

mkdirSync('artifacts', { recursive: true });
const results = { date: new Date().toISOString(), pages: {}, sliders: [] };

try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });

  // 1. What an essay page costs, before and after its figures scroll into view.
  for (const path of [ESSAY, TOUR]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts = trackScripts(page);
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    const inline = await inlineScriptBytes(page);
    const before =
      scripts.filter((s) => !s.url.includes('worker')).reduce((n, s) => n + s.gzip, 0) + inline;
    const figures = page.locator('.sim[data-figure]');
    for (let i = 0; i < (await figures.count()); i++) {
      await figures.nth(i).scrollIntoViewIfNeeded();
      await page.waitForFunction(
        (el) => el?.getAttribute('data-busy') === 'false' && el.hasAttribute('data-availability'),
        await figures.nth(i).elementHandle(),
        { timeout: 30_000 },
      );
    }
    await page.waitForLoadState('networkidle');
    const pageJs =
      scripts.filter((s) => !s.url.includes('worker')).reduce((n, s) => n + s.gzip, 0) + inline;
    const worker = scripts.filter((s) => s.url.includes('worker')).reduce((n, s) => n + s.gzip, 0);
    results.pages[path] = {
      figures: await figures.count(),
      beforeFiguresGzip: before,
      hydratedGzip: pageJs,
      workerGzip: worker,
    };
    await page.close();
  }

  // 2. Dragging: each slider of the tour, a key press at a time, as a keyboard user drags.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(BASE + TOUR, { waitUntil: 'networkidle' });
  const figureIds = await page.$$eval('.sim[data-figure]', (els) =>
    els.map((e) => e.getAttribute('data-figure')),
  );
  for (const id of figureIds) {
    const figure = page.locator(`.sim[data-figure="${id}"]`);
    await figure.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (el) => el?.getAttribute('data-busy') === 'false' && el.hasAttribute('data-availability'),
      await figure.elementHandle(),
      { timeout: 30_000 },
    );
    // The control a reader drags: the first slider; else the first toggle (design choices);
    // else the seed (the latency-versus-load figure has no other control).
    const kind =
      (await figure.locator('input[type=range]').count()) > 0
        ? 'range'
        : (await figure.locator('.choices input[type=checkbox]').count()) > 0
          ? 'toggle'
          : 'seed';
    const control = figure
      .locator(
        kind === 'range'
          ? 'input[type=range]'
          : kind === 'toggle'
            ? '.choices input[type=checkbox]'
            : 'input[type=number]',
      )
      .first();
    await control.focus();
    await page.evaluate(() => {
      window.__longTasks = [];
    });
    const latencies = [];
    const finals = [];
    const steps = kind === 'range' ? STEPS : Math.min(STEPS, 10);
    for (let step = 0; step < steps; step++) {
      // Times from the input to the first redrawn chart (a coarse answer, where the figure gives
      // one) and to the final answer, both measured inside the page.
      const [ms, finalMs] = await page.evaluate(
        ([figureId, how]) =>
          new Promise((resolve) => {
            const root = document.querySelector(`[data-figure="${figureId}"]`);
            const charts = root?.querySelector('.charts');
            const selector =
              how === 'range'
                ? 'input[type=range]'
                : how === 'toggle'
                  ? '.choices input[type=checkbox]'
                  : 'input[type=number]';
            const input = root?.querySelector(selector);
            if (!root || !charts || !input) return resolve([Number.NaN, Number.NaN]);
            const start = performance.now();
            let first;
            const done = () =>
              root.getAttribute('data-busy') === 'false' &&
              root.getAttribute('data-stage') !== 'coarse';
            const observer = new MutationObserver(() => {
              if (first === undefined && root.getAttribute('data-busy') === 'false') {
                first = performance.now() - start;
              }
              if (first !== undefined && done()) {
                observer.disconnect();
                resolve([first, performance.now() - start]);
              }
            });
            observer.observe(charts, { childList: true });
            observer.observe(root, { attributes: true });
            if (how === 'range') {
              input.dispatchEvent(
                new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }),
              );
              input.stepUp();
              input.dispatchEvent(new Event('input', { bubbles: true }));
            } else if (how === 'toggle') {
              input.click();
            } else {
              input.stepUp();
              input.dispatchEvent(new Event('change', { bubbles: true }));
            }
          }),
        [id, kind],
      );
      latencies.push(ms);
      finals.push(finalMs);
    }
    const longTasks = await page.evaluate(() => window.__longTasks);
    const requests = await figure.getAttribute('data-requests');
    results.sliders.push({
      figure: id,
      control: kind,
      requests: Number(requests),
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
      max: Math.max(...latencies),
      finalP50: quantile(finals, 0.5),
      finalP95: quantile(finals, 0.95),
      longTasksOver50: longTasks.filter((d) => d > 50).length,
      longestTask: longTasks.length ? Math.max(...longTasks) : 0,
    });
  }
  await browser.close();

  // 3. Lighthouse, mobile preset, on the essay and the tour. Lighthouse is large and only this
  // benchmark needs it, so npx fetches it from the npm registry on first use instead of every
  // install carrying it.
  results.lighthouse = {};
  for (const path of [ESSAY, TOUR]) {
    const out = `artifacts/lighthouse-${path.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.json`;
    const run = spawnSync(
      'npx',
      [
        '--yes',
        'lighthouse@13',
        BASE + path,
        '--quiet',
        `--chrome-flags=${ARGS.join(' ')}`,
        '--only-categories=performance,accessibility',
        '--output=json',
        `--output-path=${out}`,
      ],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, stdio: 'inherit' },
    );
    if (run.status !== 0) {
      results.lighthouse[path] = { error: `lighthouse exited ${run.status}` };
      continue;
    }
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const audit = (id) => report.audits[id]?.numericValue;
    results.lighthouse[path] = {
      performance: Math.round(report.categories.performance.score * 100),
      accessibility: Math.round(report.categories.accessibility.score * 100),
      lcpMs: audit('largest-contentful-paint'),
      tbtMs: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
    };
  }
} finally {
  server.kill();
}

console.log('\nJavaScript per page (gzip)');
console.log('page                                       before figures  all hydrated  worker');
for (const [path, r] of Object.entries(results.pages)) {
  console.log(
    `${path.padEnd(42)} ${kb(r.beforeFiguresGzip).padStart(14)} ${kb(r.hydratedGzip).padStart(13)} ${kb(r.workerGzip).padStart(7)}`,
  );
}
console.log(
  `\nInput → chart redrawn (${STEPS} slider steps, or 10 toggles or seeds, each; ms; "final" is the refined answer where the figure shows a coarse one first)`,
);
console.log(
  'figure      control  requests    p50    p95    max  final p50  final p95  long tasks > 50 ms  longest task',
);
for (const s of results.sliders) {
  console.log(
    `${s.figure.padEnd(11)} ${s.control.padEnd(7)} ${String(s.requests).padStart(9)} ${s.p50.toFixed(0).padStart(6)} ${s.p95.toFixed(0).padStart(6)} ${s.max.toFixed(0).padStart(6)} ${s.finalP50.toFixed(0).padStart(10)} ${s.finalP95.toFixed(0).padStart(10)} ${String(s.longTasksOver50).padStart(19)} ${s.longestTask.toFixed(0).padStart(13)}`,
  );
}
console.log('\nLighthouse (mobile, local)');
for (const [path, r] of Object.entries(results.lighthouse ?? {})) {
  if (r.error) console.log(`${path.padEnd(42)} ${r.error}`);
  else {
    console.log(
      `${path.padEnd(42)} performance ${r.performance}, accessibility ${r.accessibility}, LCP ${Math.round(r.lcpMs)} ms, TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)}`,
    );
  }
}
mkdirSync('artifacts', { recursive: true });
writeFileSync('artifacts/bench-figures.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote artifacts/bench-figures.json');
