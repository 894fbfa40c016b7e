#!/usr/bin/env node
// The figures' end-to-end benchmark: real Chromium against the built site. It measures what a
// reader feels (a control stepped from the keyboard → the figure's chart redrawn, main-thread long
// tasks while dragging) and what a page costs (JavaScript before and after the figures hydrate,
// the worker), prints a table and writes artifacts/bench-figures.json. Not a test: numbers are
// reported, not asserted.
//
//   npm run bench:figures [-- --dist DIR] [--port N] [--steps N] [--profile N] [--only TEXT]
//                         [--figure ID[,ID…]] [--profile-figure ID[,ID…]] [--no-lighthouse]
//
// Without --dist it builds the site into artifacts/bench-site first. Chapters and figures are
// discovered from the built pages (every `essays/*/index.html`, every `[data-figure]` on them,
// every slider in each), so a new chapter is measured without editing this file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS as ARGS, CHROMIUM_PATH } from './chromium.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const PORT = Number(option('--port', '4331'));
const BASE = `http://127.0.0.1:${PORT}`;
const TOUR = '/figures/';
/** Key presses per control, as in the issue: ten steps of a keyboard drag. */
const STEPS = Number(option('--steps', '10'));
/** How many of the slowest controls get a main-thread CPU profile. */
const PROFILE = Number(option('--profile', '3'));
/** A step whose chart has not changed by then counts as "no redraw" (and the run goes on). */
const STEP_TIMEOUT_MS = 20_000;

// A separate output folder, so the benchmark never races a `npm run build` going on elsewhere.
const given = option('--dist', undefined);
const OUT = resolve(given ?? 'artifacts/bench-site');

if (given === undefined && !process.argv.includes('--no-build')) {
  const built = spawnSync('astro', ['build', '--outDir', OUT], {
    stdio: 'inherit',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(OUT, 'index.html'))) {
  console.error(`bench:figures: no built site in ${OUT} (build it, or pass --dist DIR)`);
  process.exit(2);
}

/** Chapter pages: every essay the build wrote, as site paths. */
function chapterPaths() {
  const essays = join(OUT, 'essays');
  if (!existsSync(essays)) return [];
  return readdirSync(essays, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(essays, d.name, 'index.html')))
    .map((d) => `/essays/${d.name}/`)
    .sort();
}

// Something already answering on the port would be measured instead of this build.
try {
  await fetch(BASE);
  console.error(`bench:figures: port ${PORT} is already in use; pass --port N`);
  process.exit(2);
} catch {
  /* free, as it should be */
}
// Plain files, as the end-to-end tests serve a build in another folder (playwright.config.ts).
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1'], {
  cwd: OUT,
  stdio: ['ignore', 'ignore', 'ignore'],
});
async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the static server on port ${PORT} did not start`);
}

const quantile = (values, q) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');

/** JavaScript a page loads, gzip-compressed as a server would send it. */
function trackScripts(page) {
  const scripts = [];
  const seen = new Set();
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && !response.url().endsWith('.js')) return;
    // A script fetched twice (each worker of the pool loads the engine) is sent, and counted, once.
    if (seen.has(response.url())) return;
    seen.add(response.url());
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

async function waitSettled(page, figure) {
  // Hydrated first (Astro drops `ssr` from the island), then an idle moment: a figure scrolled
  // into view hydrates then, and its mount (module, first draw) is not a reader's drag.
  await page
    .waitForFunction(
      (el) => el !== null && el.closest('astro-island')?.hasAttribute('ssr') !== true,
      await figure.elementHandle(),
      { timeout: 30_000 },
    )
    .catch(() => {});
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 50));
        requestAnimationFrame(() => idle(resolve, { timeout: 1000 }));
      }),
  );
  // And the engine quiet for a moment (a figure's warm-up or its neighbours' first runs done),
  // as it is when a reader has looked at the figure before reaching for a control.
  await page
    .waitForFunction(
      () => !window.__bench || performance.now() - window.__bench.lastTraffic > 250,
      null,
      { timeout: 15_000, polling: 50 },
    )
    .catch(() => {});
  await page
    .waitForFunction(
      (el) =>
        el !== null &&
        el.getAttribute('data-busy') !== 'true' &&
        el.getAttribute('data-stage') !== 'coarse' &&
        // A figure still refining (a map filling in) is not settled either.
        el.querySelector('[aria-busy="true"]') === null,
      await figure.elementHandle(),
      { timeout: 30_000 },
    )
    .catch(() => {
      /* a figure that never settles is measured anyway; its steps time out */
    });
}

/**
 * Installed before any page script: long tasks, and every message to and from the engine worker,
 * so a step's time splits into main thread before the worker, the worker, and main thread after
 * (Svelte, Plot, the DOM) without touching the site's code.
 */
function instrument() {
  window.__bench = { longTasks: [], posts: [], replies: [], replyWork: [], lastTraffic: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        window.__bench.replies.push(performance.now());
        window.__bench.lastTraffic = performance.now();
        // The worker's own time for the answer (from the request's arrival), when it says.
        const workerMs = event.data?.workerMs;
        window.__bench.replyWork.push(typeof workerMs === 'number' ? workerMs : Number.NaN);
      });
    }
    postMessage(...args) {
      window.__bench.posts.push(performance.now());
      window.__bench.lastTraffic = performance.now();
      return super.postMessage(...args);
    }
  };
}

/** The controls of one figure a reader can step from the keyboard, sliders first. */
async function controlsOf(figure) {
  return figure.evaluate((root) => {
    const label = (el) =>
      (
        el.labels?.[0]?.textContent ??
        el.getAttribute('aria-label') ??
        el.closest('label')?.textContent ??
        el.id ??
        ''
      )
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40);
    const all = [...root.querySelectorAll('input, select')].filter((el) => !el.disabled);
    const sliders = all.filter((el) => el.type === 'range');
    const pick = (el, kind) => ({
      kind,
      index: all.indexOf(el),
      label: label(el) || kind,
    });
    if (sliders.length > 0) return sliders.map((el) => pick(el, 'range'));
    // No slider: the control a reader would try first, so every figure gets a row.
    const toggle = all.find((el) => el.type === 'checkbox');
    if (toggle) return [pick(toggle, 'toggle')];
    const radio = all.find((el) => el.type === 'radio');
    if (radio) return [pick(radio, 'radio')];
    const select = all.find((el) => el.tagName === 'SELECT');
    if (select) return [pick(select, 'select')];
    const seed = all.find((el) => el.type === 'number');
    if (seed) return [pick(seed, 'seed')];
    return [];
  });
}

/**
 * One key press on a control, timed inside the page: from the control's `input` event to the
 * first time a chart (an SVG or a table outside the controls) is replaced in the figure, and to
 * the last replacement before the figure settles. Resolves with NaN times on a step that never
 * redraws.
 */
async function step(page, figureIndex, control) {
  const armed = page.evaluate(
    ([fi, timeout]) =>
      new Promise((resolve) => {
        const root = document.querySelectorAll('[data-figure]')[fi];
        const bench = window.__bench;
        let start;
        let first;
        let last;
        const outsideControls = (node) => {
          const el = node.nodeType === 1 ? node : node.parentElement;
          return el !== null && !el.closest('button, label, select, output, fieldset, form');
        };
        // A figure with a chart is done when its SVG is replaced. One without (a table, a
        // scorecard) updates in place: there, the first change outside the controls after the
        // engine has answered counts.
        const drawsSvg = [...root.querySelectorAll('svg')].some(outsideControls);
        const isChart = (node) =>
          node.nodeType === 1 &&
          outsideControls(node) &&
          (node.matches('svg, canvas') || node.querySelector('svg, canvas') !== null);
        // A scrubber (a time slider over one run) moves marks inside the SVG it keeps.
        const inChart = (record) => {
          const el = record.target.nodeType === 1 ? record.target : record.target.parentElement;
          return el?.closest('svg') != null && outsideControls(el);
        };
        const isUpdate = (record) => {
          if (!outsideControls(record.target) || record.type === 'attributes') return false;
          const post = bench.posts.find((t) => t >= start);
          return post === undefined || bench.replies.some((t) => t >= post);
        };
        const settled = () =>
          root.getAttribute('data-busy') !== 'true' &&
          root.getAttribute('data-stage') !== 'coarse' &&
          root.querySelector('[aria-busy="true"]') === null;
        const finish = () => {
          observer.disconnect();
          clearTimeout(timer);
          const post = bench.posts.find((t) => t >= start);
          // The answer that was drawn: the worker's last message before the redraw.
          const replyAt =
            post === undefined
              ? -1
              : bench.replies.findLastIndex((t) => t >= post && t <= (first ?? Infinity));
          const reply = replyAt < 0 ? undefined : bench.replies[replyAt];
          resolve({
            drawsSvg,
            chart: first === undefined ? Number.NaN : first - start,
            settled: last === undefined ? Number.NaN : last - start,
            beforeWorker: post === undefined ? Number.NaN : post - start,
            worker: post === undefined || reply === undefined ? Number.NaN : reply - post,
            afterWorker: reply === undefined || first === undefined ? Number.NaN : first - reply,
            workerSelf: replyAt < 0 ? Number.NaN : bench.replyWork[replyAt],
            longTasks: bench.longTasks
              .filter(
                (t) => t.start + t.duration >= start && t.start <= (last ?? performance.now()),
              )
              .map((t) => Math.round(t.duration)),
          });
        };
        const observer = new MutationObserver((records) => {
          if (start === undefined) return;
          const now = performance.now();
          if (
            drawsSvg
              ? records.some((r) => [...r.addedNodes].some(isChart) || inChart(r))
              : records.some(isUpdate)
          ) {
            if (first === undefined) first = now;
            last = now;
          }
          if (first !== undefined && settled()) finish();
        });
        observer.observe(root, {
          childList: true,
          subtree: true,
          attributes: true,
          characterData: true,
        });
        // On the figure, not the control: a radio group's arrow key checks the next radio.
        root.addEventListener(
          'input',
          () => {
            start ??= performance.now();
          },
          { once: true, capture: true },
        );
        const timer = setTimeout(finish, timeout);
      }),
    [figureIndex, STEP_TIMEOUT_MS],
  );
  // Awaited below; until then a failure elsewhere must not surface as an unhandled rejection.
  armed.catch(() => {});
  // The key a keyboard user presses; a slider at its end turns back.
  const key = await page.evaluate(
    ([fi, ci, kind]) => {
      const root = document.querySelectorAll('[data-figure]')[fi];
      let input = [...root.querySelectorAll('input, select')].filter((el) => !el.disabled)[ci];
      // Arrow keys move a radio group's choice along, from whichever radio is checked now.
      if (kind === 'radio' && input.name) {
        input =
          root.querySelector(`input[type=radio][name="${CSS.escape(input.name)}"]:checked`) ??
          input;
      }
      input.focus();
      if (kind === 'range') {
        const max = Number(input.max || 100);
        const dir = input.dataset.benchDir ?? (Number(input.value) >= max ? 'left' : 'right');
        const min = Number(input.min || 0);
        const next =
          dir === 'right' && Number(input.value) >= max
            ? 'left'
            : dir === 'left' && Number(input.value) <= min
              ? 'right'
              : dir;
        input.dataset.benchDir = next;
        return next === 'right' ? 'ArrowRight' : 'ArrowLeft';
      }
      if (kind === 'toggle') return 'Space';
      if (kind === 'radio') return 'ArrowRight';
      if (kind === 'select') {
        const dir =
          input.selectedIndex >= input.options.length - 1
            ? 'up'
            : input.selectedIndex <= 0
              ? 'down'
              : (input.dataset.benchDir ?? 'down');
        input.dataset.benchDir = dir;
        return dir === 'down' ? 'ArrowDown' : 'ArrowUp';
      }
      return 'ArrowUp';
    },
    [figureIndex, control.index, control.kind],
  );
  await page.keyboard.press(key);
  // A number field answers on `change`, which Enter sends.
  if (control.kind === 'seed') await page.keyboard.press('Enter');
  return armed;
}

/** Main-thread CPU time by script while `run` goes, from a Chromium CPU profile. */
async function profileMainThread(page, run) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await run();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const url = node.callFrame.url;
    const name = node.callFrame.functionName;
    const where = url
      ? (url.split('/').pop() ?? url)
      : name === '(garbage collector)'
        ? 'garbage collector'
        : name === '(idle)' || name === '(program)'
          ? name
          : `native ${name}`;
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  self.delete('(idle)');
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([script, cpuMs]) => ({
      script: script.endsWith('.js') || !script.includes(' ') ? chunkName(`${script}`) : script,
      cpuMs: Math.round(cpuMs),
    }));
}

/** Names for the site's chunks in a profile: Vite names a chunk after its first module. */
function chunkName(file) {
  const path = join(OUT, '_astro', file);
  if (!existsSync(path)) return file;
  const text = readFileSync(path, 'utf8');
  const base = file.replace(/\.[\w-]{8}\.js$/, '').replace(/-[\w-]{8}\.js$/, '');
  if (/plot-swatches|ariaDescription/.test(text) && text.length > 100_000)
    return `${base} (Plot, d3)`;
  if (text.includes('http://www.w3.org/1999/xhtml') && text.includes('uninitialized'))
    return `${base} (Svelte runtime)`;
  return base;
}

/** Trace events grouped by what the browser was doing. */
const PHASE = [
  [
    /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/,
    'style',
  ],
  [/^(Layout|IntersectionObserverController::computeIntersections)$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage|Decode.*)$/, 'paint'],
  [/GC|GarbageCollection|BlinkGC/, 'gc'],
  [
    /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|HandlePostMessage|MessagePort|RunMicrotask|ProfileCall)/,
    'script',
  ],
];
const phaseOf = (name) => PHASE.find(([re]) => re.test(name))?.[1] ?? 'other';

/**
 * Self time of a Chromium trace's complete events, per thread (the page's main thread, the
 * engine's worker) and per phase (script, style, layout, paint, gc). Self time, so an event's
 * children are not counted twice.
 */
function traceBreakdown(trace) {
  const events = trace.traceEvents ?? [];
  const names = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name);
  }
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? '';
    const kind = thread === 'CrRendererMain' ? 'main' : /Worker/.test(thread) ? 'worker' : '';
    if (kind === '') continue;
    const key = `${kind}:${e.pid}:${e.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const totals = { main: {}, worker: {} };
  for (const [key, list] of byThread) {
    const kind = key.split(':')[0];
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    const self = new Map();
    // Thread (CPU) time where the trace has it: on a shared machine a descheduled thread's wall
    // time says more about its neighbours than about the page.
    const cpu = (e) => e.tdur ?? e.dur;
    for (const e of list) {
      while (stack.length > 0 && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent, (self.get(parent) ?? cpu(parent)) - cpu(e));
      self.set(e, cpu(e));
      stack.push(e);
    }
    for (const [e, us] of self) {
      const phase = phaseOf(e.name);
      totals[kind][phase] = (totals[kind][phase] ?? 0) + Math.max(0, us) / 1000;
    }
  }
  for (const kind of ['main', 'worker']) {
    for (const phase of Object.keys(totals[kind])) {
      totals[kind][phase] = Math.round(totals[kind][phase]);
    }
  }
  return totals;
}

/**
 * The page's main-thread tasks over 50 ms in a trace, each with what filled it: self time by
 * event and, for script, by the chunk it ran (so a long task says whose it was: this figure's
 * Plot, another figure hydrating, a worker message being decoded).
 */
function longTaskBreakdown(trace) {
  const events = trace.traceEvents ?? [];
  const main = new Set();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      main.add(`${e.pid}:${e.tid}`);
    }
  }
  const list = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number' && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // The profiler's own start is a long task of the benchmark's making, not the page's.
  const ours = (task) =>
    list.some(
      (e) =>
        e.name === 'CpuProfiler::StartProfiling' &&
        e.ts >= task.ts &&
        e.ts + e.dur <= task.ts + task.dur &&
        e.dur > task.dur / 2,
    );
  const tasks = list.filter((e) => e.name === 'RunTask' && e.dur > 50_000 && !ours(e));
  return tasks.map((task) => {
    const inside = list.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur,
    );
    const self = new Map();
    const stack = [];
    for (const e of inside) {
      while (stack.length > 0 && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) self.set(parent, (self.get(parent) ?? parent.dur) - e.dur);
      self.set(e, e.dur);
      stack.push(e);
    }
    const by = new Map();
    for (const [e, us] of self) {
      const url = e.args?.data?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '';
      const file = url ? ` ${chunkName(url.split('/').pop() ?? url)}` : '';
      const type = e.args?.data?.type ? ` ${e.args.data.type}` : '';
      const name = `${e.name}${type}${file}`;
      by.set(name, (by.get(name) ?? 0) + Math.max(0, us) / 1000);
    }
    return {
      ms: Math.round(task.dur / 1000),
      cpuMs: Math.round((task.tdur ?? task.dur) / 1000),
      top: [...by]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([name, msSelf]) => `${name} ${Math.round(msSelf)}`),
    };
  });
}

mkdirSync('artifacts', { recursive: true });
const results = {
  date: new Date().toISOString(),
  dist: OUT,
  pages: {},
  controls: [],
  profiles: [],
};
/** `--only TEXT` keeps the chapters whose path contains it (a quicker run while working). */
const only = option('--only', '');
/** `--figure ID[,ID…]` keeps only those figures (their chapters are still found by `--only`). */
const figureFilter = option('--figure', '')
  .split(',')
  .filter((f) => f !== '');
const chapters = chapterPaths().filter((path) => path.includes(only));

try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });

  // 1. What a page costs, before and after its figures scroll into view (skipped when measuring
  // chosen figures only).
  for (const path of figureFilter.length > 0 ? [] : [...chapters, TOUR]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const scripts = trackScripts(page);
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    const inline = await inlineScriptBytes(page);
    const before =
      scripts.filter((s) => !s.url.includes('worker')).reduce((n, s) => n + s.gzip, 0) + inline;
    const figures = page.locator('[data-figure]');
    for (let i = 0; i < (await figures.count()); i++) {
      await figures.nth(i).scrollIntoViewIfNeeded();
      await waitSettled(page, figures.nth(i));
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

  // 2. Dragging: every slider of every figure on every chapter, a key press at a time.
  const measure = async (page, figureIndex, control) => {
    await page.evaluate(() => {
      window.__bench.longTasks = [];
    });
    const steps = [];
    for (let s = 0; s < STEPS; s++) steps.push(await step(page, figureIndex, control));
    const longTasks = await page.evaluate(() => window.__bench.longTasks.map((t) => t.duration));
    return { steps, longTasks };
  };
  for (const path of chapters) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(instrument);
    page.on('crash', () => console.error(`bench:figures: the page ${path} crashed`));
    page.on('pageerror', (e) => console.error(`bench:figures: ${path}: ${e.message}`));
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    const ids = await page.$$eval('[data-figure]', (els) =>
      els.map((e) => e.getAttribute('data-figure')),
    );
    for (const [figureIndex, id] of ids.entries()) {
      if (figureFilter.length > 0 && !figureFilter.includes(id)) continue;
      const figure = page.locator('[data-figure]').nth(figureIndex);
      await figure.scrollIntoViewIfNeeded();
      await waitSettled(page, figure);
      const controls = await controlsOf(figure);
      if (controls.length === 0) {
        results.controls.push({ page: path, figure: id, control: '(none)', kind: 'none' });
        continue;
      }
      for (const control of controls) {
        await waitSettled(page, figure);
        const { steps, longTasks } = await measure(page, figureIndex, control);
        const chart = steps.map((s) => s.chart);
        results.controls.push({
          page: path,
          figure: id,
          figureIndex,
          control: control.label,
          kind: control.kind,
          index: control.index,
          surface: steps.some((st) => st.drawsSvg) ? 'svg' : 'dom',
          steps: steps.length,
          redrawn: chart.filter(Number.isFinite).length,
          p50: quantile(chart, 0.5),
          p95: quantile(chart, 0.95),
          max: Math.max(...chart.filter(Number.isFinite), Number.NaN),
          settledP50: quantile(
            steps.map((s) => s.settled),
            0.5,
          ),
          settledP95: quantile(
            steps.map((s) => s.settled),
            0.95,
          ),
          beforeWorkerP50: quantile(
            steps.map((s) => s.beforeWorker),
            0.5,
          ),
          workerP50: quantile(
            steps.map((s) => s.worker),
            0.5,
          ),
          afterWorkerP50: quantile(
            steps.map((s) => s.afterWorker),
            0.5,
          ),
          workerSelfP50: quantile(
            steps.map((s) => s.workerSelf),
            0.5,
          ),
          perStep: steps.map((s) => ({
            chart: Math.round(s.chart),
            worker: Math.round(s.worker),
            workerSelf: Math.round(s.workerSelf),
            after: Math.round(s.afterWorker),
            longTasks: s.longTasks,
          })),
          longTasksOver50: longTasks.filter((d) => d > 50).length,
          longestTask: longTasks.length ? Math.max(...longTasks) : 0,
        });
      }
    }
    await page.close();
  }

  // 3. Where the time goes in the slowest controls: a main-thread CPU profile of ten more steps.
  // `--profile-figure ID[,ID…]` chooses them (a figure with a long task but a quick p95, say).
  const chosen = option('--profile-figure', '')
    .split(',')
    .filter((f) => f !== '');
  const slowest = results.controls
    .filter((c) => Number.isFinite(c.p95))
    .filter((c) => chosen.length === 0 || chosen.includes(c.figure))
    .sort((a, b) => b.p95 - a.p95)
    .slice(0, chosen.length > 0 ? chosen.length * 4 : PROFILE);
  for (const c of slowest) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(instrument);
    await page.goto(BASE + c.page, { waitUntil: 'networkidle' });
    const figure = page.locator('[data-figure]').nth(c.figureIndex);
    await figure.scrollIntoViewIfNeeded();
    await waitSettled(page, figure);
    let wallMs = 0;
    let steps = [];
    await browser.startTracing(page, {
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8',
        'blink.user_timing',
      ],
    });
    const top = await profileMainThread(page, async () => {
      const started = performance.now();
      steps = (
        await measure(page, c.figureIndex, { index: c.index, kind: c.kind, label: c.control })
      ).steps;
      wallMs = performance.now() - started;
    });
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    results.profiles.push({
      page: c.page,
      figure: c.figure,
      control: c.control,
      wallMs: Math.round(wallMs),
      chartP50: quantile(
        steps.map((st) => st.chart),
        0.5,
      ),
      threads: traceBreakdown(trace),
      longTasks: longTaskBreakdown(trace),
      mainThreadScripts: top,
    });
    await page.close();
  }
  await browser.close();

  // 4. Lighthouse, mobile preset, on the first chapter and the tour. Lighthouse is large and only
  // this benchmark needs it, so npx fetches it from the npm registry on first use instead of every
  // install carrying it; `--no-lighthouse` skips it.
  results.lighthouse = {};
  const lighthousePaths = process.argv.includes('--no-lighthouse')
    ? []
    : [chapters[0], TOUR].filter(Boolean);
  for (const path of lighthousePaths) {
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

/** Left-aligned text columns, right-aligned numbers, two spaces apart. */
function table(header, rows, left) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) =>
    r
      .map((cell, c) =>
        left.has(c) ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]),
      )
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

console.log('\nJavaScript per page (gzip)');
table(
  ['page', 'figures', 'before figures', 'all hydrated', 'worker'],
  Object.entries(results.pages).map(([path, r]) => [
    path,
    r.figures,
    kb(r.beforeFiguresGzip),
    kb(r.hydratedGzip),
    kb(r.workerGzip),
  ]),
  new Set([0]),
);

console.log(
  `\nKey press → chart redrawn, ${STEPS} steps per control (ms; "settled": the last redraw, after` +
    ' any coarse first answer; "worker": from the request to its first answer, "after": from the' +
    ' answer to the redrawn chart, on the main thread)',
);
table(
  [
    'page',
    'figure',
    'control',
    'p50',
    'p95',
    'settled p95',
    'worker',
    'after',
    'long tasks > 50 ms',
    'max task',
  ],
  results.controls.map((c) =>
    c.kind === 'none'
      ? [c.page, c.figure, '(no control)', '-', '-', '-', '-', '-', '-', '-']
      : [
          c.page.replace(/^\/essays\/|\/$/g, ''),
          c.figure,
          `${c.kind}${c.surface === 'dom' ? ' (table)' : ''}: ${c.control}`.slice(0, 44),
          ms(c.p50),
          ms(c.p95) + (c.redrawn < c.steps ? ` (${c.steps - c.redrawn} no redraw)` : ''),
          ms(c.settledP95),
          ms(c.workerP50),
          ms(c.afterWorkerP50),
          c.longTasksOver50,
          ms(c.longestTask),
        ],
  ),
  new Set([0, 1, 2]),
);
const flagged = results.controls.filter(
  (c) => c.kind !== 'none' && (c.p95 > 100 || c.longTasksOver50 > 0),
);
console.log(
  `\nOver 100 ms p95 or with tasks over 50 ms: ${flagged.length === 0 ? 'none' : flagged.map((c) => `${c.figure} (${c.control})`).join(', ')}`,
);
const phases = (o) =>
  Object.entries(o)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
for (const p of results.profiles) {
  console.log(
    `\nWhere the time goes: ${p.figure} (${p.control}), ${STEPS} steps in ${p.wallMs} ms while` +
      ' profiled (ms, self CPU time of the trace events)' +
      `\n  worker thread: ${phases(p.threads.worker) || 'nothing traced'}` +
      `\n  main thread:   ${phases(p.threads.main)}` +
      `\n  main-thread JavaScript by script: ${p.mainThreadScripts.map((t) => `${t.script} ${t.cpuMs}`).join(', ')}` +
      p.longTasks
        .map((t) => `\n  main-thread task of ${t.ms} ms (CPU ${t.cpuMs} ms): ${t.top.join(', ')}`)
        .join(''),
  );
}
if (Object.keys(results.lighthouse ?? {}).length > 0) {
  console.log('\nLighthouse (mobile, local)');
  for (const [path, r] of Object.entries(results.lighthouse)) {
    if (r.error) console.log(`${path.padEnd(42)} ${r.error}`);
    else {
      console.log(
        `${path.padEnd(42)} performance ${r.performance}, accessibility ${r.accessibility}, LCP ${Math.round(r.lcpMs)} ms, TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)}`,
      );
    }
  }
}
writeFileSync('artifacts/bench-figures.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote artifacts/bench-figures.json');
