#!/usr/bin/env node
// The sandbox's benchmark: real Chromium against the built site. It measures what a reader of
// /sandbox/ feels: how long until the editor takes keys (navigation start → Monaco created, fresh
// browser context each time), and how long from a keystroke on a preset-sized document to the
// engine's markers and figures on screen (the first answer: diagnostics and a quick run), with the
// document's full run beside it. It also checks that essay pages request no editor code. Numbers
// are printed and written to artifacts/bench-sandbox.json, not asserted.
//
//   npm run bench:sandbox [-- --dist DIR] [--port N] [--loads N] [--keys N]
//
// Without --dist it builds the site into artifacts/bench-sandbox-site first.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const PORT = Number(option('--port', '4332'));
const BASE = `http://127.0.0.1:${PORT}`;
const LOADS = Number(option('--loads', '5'));
const KEYS = Number(option('--keys', '40'));
/** Between keystrokes: longer than the sandbox's debounce and a full answer, so each is timed alone. */
const PAUSE_MS = 600;

const given = option('--dist', undefined);
const OUT = resolve(given ?? 'artifacts/bench-sandbox-site');
if (given === undefined) {
  const built = spawnSync('astro', ['build', '--outDir', OUT], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(OUT, 'sandbox', 'index.html'))) {
  console.error(`bench:sandbox: no built sandbox in ${OUT} (build it, or pass --dist DIR)`);
  process.exit(2);
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[at];
}
const ms = (v) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '–');

const server = spawn(
  'python3',
  ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', OUT],
  {
    stdio: 'ignore',
  },
);
async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server on ${BASE}`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  await waitForServer();

  // 1. Navigation → editor interactive, each in a fresh context (cold cache, no drafts).
  const ready = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/sandbox/`);
    await page.waitForSelector('.sandbox[data-ready="true"]', { timeout: 60_000 });
    ready.push(await page.evaluate(() => window.__sandboxReadyAt));
    await context.close();
  }

  // 2. Keystroke → markers and figures, on the distributed-monolith preset (about 9 KB).
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/sandbox/`);
  await page.waitForSelector('.sandbox[data-stage="full"]', { timeout: 60_000 });
  // The document's size: the saved draft (the editor renders only the lines in view).
  const size = await page.evaluate(() => {
    const store = JSON.parse(localStorage.getItem('lockstep-sandbox-drafts') ?? '{}');
    return store.drafts?.[store.current]?.text?.length ?? 0;
  });
  // Type at the end of the `name:` line: every key changes the document and re-simulates it.
  await page
    .locator('.monaco-editor .view-line', { hasText: /^name:\s/ })
    .first()
    .click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    window.__sandboxUpdates = [];
  });
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type(String(i % 10));
    await page.waitForTimeout(PAUSE_MS);
  }
  const updates = await page.evaluate(() => window.__sandboxUpdates ?? []);
  const bySeq = new Map();
  for (const u of updates) {
    const entry = bySeq.get(u.seq) ?? {};
    if (entry.first === undefined) {
      entry.first = u.ms;
      entry.worker = u.workerMs;
      entry.draw = u.drawMs;
    }
    if (u.stage === 'full') entry.full = u.ms;
    bySeq.set(u.seq, entry);
  }
  const first = [...bySeq.values()].map((e) => e.first);
  const full = [...bySeq.values()].map((e) => e.full).filter((v) => v !== undefined);
  const worker = [...bySeq.values()].map((e) => e.worker);
  const draw = [...bySeq.values()].map((e) => e.draw);
  await context.close();

  // 3. Essay pages request no editor code.
  const essay = await browser.newContext();
  const essayPage = await essay.newPage();
  const editorRequests = [];
  essayPage.on('request', (r) => {
    if (/monaco|editor\.worker|SandboxApp|codicon/i.test(r.url())) editorRequests.push(r.url());
  });
  for (const path of ['/', '/essays/what-is-a-distributed-monolith/', '/figures/']) {
    await essayPage.goto(`${BASE}${path}`);
    await essayPage.waitForLoadState('networkidle');
  }
  await essay.close();

  const result = {
    editorReadyMs: { runs: ready, median: quantile(ready, 0.5), max: Math.max(...ready) },
    keystroke: {
      documentChars: size,
      keys: first.length,
      firstAnswerMs: {
        p50: quantile(first, 0.5),
        p95: quantile(first, 0.95),
        max: Math.max(...first),
      },
      fullRunMs: { p50: quantile(full, 0.5), p95: quantile(full, 0.95) },
      firstAnswerWorkerMs: { p50: quantile(worker, 0.5), p95: quantile(worker, 0.95) },
      firstAnswerDrawMs: { p50: quantile(draw, 0.5), p95: quantile(draw, 0.95) },
    },
    essayEditorRequests: editorRequests,
  };
  console.log('Sandbox benchmark (Chromium, 1280×720)');
  console.log(
    `  editor interactive after navigation: median ${ms(result.editorReadyMs.median)}, max ${ms(result.editorReadyMs.max)} over ${LOADS} cold loads (target 2 s)`,
  );
  console.log(
    `  keystroke → markers and figures (quick run): p50 ${ms(result.keystroke.firstAnswerMs.p50)}, p95 ${ms(result.keystroke.firstAnswerMs.p95)}, max ${ms(result.keystroke.firstAnswerMs.max)} over ${first.length} keys on a ${size.toLocaleString('en')}-character preset (target p95 300 ms; includes the 90 ms debounce)`,
  );
  console.log(
    `    of which in the worker (parse, quick run, analyses): p50 ${ms(result.keystroke.firstAnswerWorkerMs.p50)}, p95 ${ms(result.keystroke.firstAnswerWorkerMs.p95)}; drawing on the page: p50 ${ms(result.keystroke.firstAnswerDrawMs.p50)}, p95 ${ms(result.keystroke.firstAnswerDrawMs.p95)}`,
  );
  console.log(
    `  keystroke → the document's full run drawn: p50 ${ms(result.keystroke.fullRunMs.p50)}, p95 ${ms(result.keystroke.fullRunMs.p95)}`,
  );
  console.log(
    `  machine load while measuring: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} (1, 5, 15 min; ${(await import('node:os')).cpus().length} cores)`,
  );
  console.log(
    `  essay pages requesting editor code: ${editorRequests.length === 0 ? 'none' : editorRequests.join(', ')}`,
  );
  mkdirSync('artifacts', { recursive: true });
  writeFileSync('artifacts/bench-sandbox.json', `${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  server.kill();
}
