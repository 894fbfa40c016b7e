/**
 * The stage of talk mode: one scene at a time, its figure large, moved by the presenter's keys,
 * the buttons, the overview and the notes window. The address always holds the scene and the
 * figure's state, so a reload or a bookmark comes back to the same moment with the same numbers.
 * Logic that needs no DOM lives in `src/lib/talk/`.
 */
import {
  FIGURE_STARTED_EVENT,
  followFigureStates,
  restartFigureState,
} from '../../lib/figureLink.ts';
import { encodeFigureState, readFragment, writeFragment } from '../../lib/figureState.ts';
import { channelName, parseMessage, type TalkMessage } from '../../lib/talk/channel.ts';
import { actionOfKey, focusKind, moveTo, type TalkAction } from '../../lib/talk/keys.ts';
import { readScenes, type Scene, sceneFigureState } from '../../lib/talk/scene.ts';
import { sceneFromHash, seedFromIslandProps, withScene } from '../../lib/talk/urlState.ts';
import { unmountIslands } from './islands.ts';
import { fitFigure } from './stageFit.ts';

interface StageParts {
  readonly root: HTMLElement;
  readonly slot: HTMLElement;
  readonly headline: HTMLElement;
  readonly count: HTMLElement;
  readonly pages: HTMLElement;
  readonly pagesText: HTMLElement;
  readonly notice: HTMLElement;
  readonly overview: HTMLDialogElement;
  readonly overviewList: HTMLElement;
  readonly help: HTMLDialogElement;
}

function part<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`talk stage: missing ${selector}`);
  return el;
}

function parts(root: HTMLElement): StageParts {
  return {
    root,
    slot: part(root, '[data-slot]'),
    headline: part(root, '[data-headline]'),
    count: part(root, '[data-count]'),
    pages: part(root, '[data-pages]'),
    pagesText: part(root, '[data-pages-text]'),
    notice: part(root, '[data-notice]'),
    overview: part(document, '[data-overview]'),
    overviewList: part(document, '[data-overview-list]'),
    help: part(document, '[data-help]'),
  };
}

/** Scenes and the figures they name, taken out of the hidden copy of the chapter. */
function harvest(source: HTMLElement): {
  scenes: Scene[];
  problems: string[];
  figures: Map<string, Element>;
} {
  const templates = [
    ...source.querySelectorAll<HTMLTemplateElement>('template[data-lockstep-scene]'),
  ];
  const list = readScenes(
    templates.map((t) => ({ data: t.getAttribute('data-lockstep-scene'), notes: t.innerHTML })),
  );
  const figures = new Map<string, Element>();
  for (const figure of source.querySelectorAll('figure[id^="figure-"]')) {
    // Copies taken before anything hydrates; the originals leave the page so ids stay unique.
    figures.set(figure.id.slice('figure-'.length), figure.cloneNode(true) as Element);
  }
  source.replaceChildren();
  return { scenes: [...list.scenes], problems: list.ok ? [] : [...list.problems], figures };
}

/**
 * The longest the slot says it is busy for a figure that never reports its start (one that failed
 * to hydrate, say): past this the figure on stage is what there is.
 */
const STARTING_MS = 5000;

/**
 * Marks `slot` busy until the figure `id` on it has read its starting state from the address:
 * until then it shows its defaults, and a speaker (or a test) looking at it would see the numbers
 * change a moment later. Returns a function that stops waiting.
 */
function markStarting(slot: HTMLElement, id: string): () => void {
  slot.setAttribute('aria-busy', 'true');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = () => {
    window.removeEventListener(FIGURE_STARTED_EVENT, heard);
    clearTimeout(timer);
    slot.removeAttribute('aria-busy');
  };
  const heard = (event: Event) => {
    if (!(event instanceof CustomEvent) || event.detail?.id !== id) return;
    // The figure applies its state when the task that read it ends: clear the mark after that.
    clearTimeout(timer);
    timer = setTimeout(done, 0);
  };
  window.addEventListener(FIGURE_STARTED_EVENT, heard);
  timer = setTimeout(done, STARTING_MS);
  return done;
}

export function startStage(root: HTMLElement): void {
  const p = parts(root);
  const chapter = root.dataset.chapter ?? 'talk';
  const notesUrl = root.dataset.notes ?? 'notes/';
  const { scenes, problems, figures } = harvest(part(document, '[data-source]'));
  const channel =
    'BroadcastChannel' in window ? new BroadcastChannel(channelName(chapter)) : undefined;
  let index = -1;
  /**
   * The scene the latest move is going to. Moves are asynchronous (state encoding), so a clicker
   * pressed twice in quick succession must step from where the first press was going, not from
   * the scene still on stage.
   */
  let heading = -1;
  /** A newer move wins. */
  let moves = 0;
  let stopFit: () => void = () => {};
  let stopStarting: () => void = () => {};
  /** How many charts the figure on stage shows one at a time (1: all of them together). */
  let chartPages = 1;

  followFigureStates();

  const say = (text: string) => {
    p.notice.textContent = text;
    p.notice.hidden = text === '';
  };
  if (problems.length > 0) say(`Some scenes could not be read: ${problems.join('; ')}.`);

  const post = (message: TalkMessage) => channel?.postMessage(message);

  function renderOverview() {
    p.overviewList.replaceChildren(
      ...scenes.map((scene, i) => {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'overview-item';
        button.dataset.goto = String(i);
        button.innerHTML = `<span class="n">${i + 1}</span> <span class="t"></span>`;
        const title = button.querySelector('.t');
        if (title) title.textContent = scene.headline;
        if (i === index) button.setAttribute('aria-current', 'step');
        li.append(button);
        return li;
      }),
    );
  }

  /** Shows scene `next`. From the address, the figure keeps the state the address holds. */
  async function go(next: number, options: { fromAddress?: boolean } = {}) {
    if (scenes.length === 0) return;
    const target = Math.min(Math.max(0, next), scenes.length - 1);
    const scene = scenes[target];
    if (!scene) return;
    heading = target;
    const ticket = ++moves;
    const pristine = figures.get(scene.figure);
    // A bookmark's own figure state wins; otherwise the scene's. Entries of other scenes' figures
    // are dropped: each scene opens its figure afresh, so they would only lengthen the link.
    const linked = readFragment(location.hash).get(scene.figure);
    const keep = options.fromAddress === true && linked !== undefined;
    let hash = writeFragment(withScene('', target), scene.figure, keep ? linked : undefined);
    if (pristine && !keep) {
      const island = pristine.querySelector('astro-island');
      const state = sceneFigureState(
        scene,
        seedFromIslandProps(island?.getAttribute('props') ?? null),
      );
      hash = writeFragment(hash, scene.figure, state ? await encodeFigureState(state) : undefined);
      if (ticket !== moves) return;
    }
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    const changed = target !== index;
    index = target;
    root.dataset.scene = String(target + 1);
    p.headline.textContent = scene.headline;
    p.count.textContent = `Scene ${target + 1} of ${scenes.length}`;
    document.title = `${target + 1}. ${scene.headline} · ${root.dataset.title ?? 'Lockstep'}`;
    const hadFocus = p.slot.contains(document.activeElement);
    stopFit();
    stopStarting();
    unmountIslands(p.slot);
    if (pristine) {
      restartFigureState(scene.figure);
      const copy = pristine.cloneNode(true) as Element;
      if (readFragment(hash).has(scene.figure)) stopStarting = markStarting(p.slot, scene.figure);
      p.slot.replaceChildren(copy);
      p.slot.scrollTop = 0;
      showPages(1);
      stopFit = fitFigure(p.slot, copy, (fit) => showPages(fit.pages));
    } else {
      showPages(1);
      const problem = document.createElement('p');
      problem.className = 'missing';
      problem.setAttribute('role', 'alert');
      problem.textContent = `Scene ${target + 1} shows the figure “${scene.figure}”, which is not in this chapter.`;
      p.slot.replaceChildren(problem);
    }
    if (hadFocus) p.headline.focus();
    renderOverview();
    if (changed || options.fromAddress) post({ type: 'at', index: target, count: scenes.length });
  }

  /** The chart shown now, counting from 1. */
  function chartPage(): number {
    return Number(p.slot.dataset.chartPage ?? '1');
  }

  function showPages(pages: number) {
    chartPages = pages;
    if (pages > 1) p.slot.dataset.chartPage = String(Math.min(chartPage(), pages));
    const page = chartPage();
    // The last page may be a panel other than a chart (stage-figure.css shows it there).
    if (pages > 1) p.slot.dataset.chartLast = String(page === pages);
    else delete p.slot.dataset.chartLast;
    p.pages.hidden = pages <= 1;
    p.pagesText.textContent = pages > 1 ? `Chart ${page} of ${pages}` : '';
  }

  /**
   * Shows the figure's next or previous chart when it shows them one at a time; says whether it
   * did (at the last chart ↓ moves on to the next scene, at the first ↑ to the previous one).
   */
  function stepChart(direction: 1 | -1): boolean {
    const next = chartPage() + direction;
    if (chartPages <= 1 || next < 1 || next > chartPages) return false;
    p.slot.dataset.chartPage = String(next);
    showPages(chartPages);
    return true;
  }

  /** Scrolls the stage by most of a screen if it can go further that way; says whether it did. */
  function scrollStage(direction: 1 | -1): boolean {
    const room =
      direction > 0
        ? p.slot.scrollHeight - p.slot.clientHeight - p.slot.scrollTop
        : p.slot.scrollTop;
    if (room < 4) return false;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    p.slot.scrollBy({
      top: direction * Math.min(room, p.slot.clientHeight * 0.7),
      behavior: smooth ? 'smooth' : 'auto',
    });
    return true;
  }

  function toggleDialog(dialog: HTMLDialogElement) {
    for (const other of [p.overview, p.help]) if (other !== dialog && other.open) other.close();
    if (dialog.open) dialog.close();
    else {
      dialog.showModal();
      if (dialog === p.overview)
        dialog.querySelector<HTMLElement>('[aria-current="step"]')?.focus();
    }
  }

  async function fullscreen() {
    try {
      if (document.fullscreenElement) await document.exitFullscreen();
      else await document.documentElement.requestFullscreen();
    } catch {
      say(
        'This browser refused full screen here; its own full-screen key (often F11) still works.',
      );
    }
  }

  function openNotes() {
    const win = window.open(
      notesUrl,
      `lockstep-notes-${chapter}`,
      'popup=yes,width=1000,height=700',
    );
    if (!win)
      say(
        `The browser blocked the notes window. Open ${new URL(notesUrl, location.href).href} in another window.`,
      );
  }

  function act(action: TalkAction) {
    if (action === 'next' || action === 'previous' || action === 'first' || action === 'last') {
      for (const dialog of [p.overview, p.help]) if (dialog.open) dialog.close();
      void go(moveTo(action, heading, scenes.length));
    } else if (action === 'overview') toggleDialog(p.overview);
    else if (action === 'help') toggleDialog(p.help);
    else if (action === 'fullscreen') void fullscreen();
    else if (action === 'notes') openNotes();
    else if (action === 'escape') {
      // Dialogs close themselves on Escape; otherwise give the keys back to the scenes.
      const active = document.activeElement;
      if (active instanceof HTMLElement && p.slot.contains(active)) p.headline.focus();
    }
  }

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    const active = document.activeElement;
    const focus =
      active && active !== document.body
        ? focusKind(
            active.tagName,
            active.getAttribute('type'),
            active instanceof HTMLElement && active.isContentEditable,
          )
        : 'stage';
    const inDialog = p.overview.open || p.help.open;
    const action = actionOfKey({
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      focus: inDialog && focus === 'press' && event.key.startsWith('Arrow') ? 'stage' : focus,
    });
    if (!action) return;
    if (action === 'escape' && inDialog) return;
    event.preventDefault();
    // A figure with several charts shows one at a time: ↓ and ↑ first step through them (and
    // scroll a figure that is still taller than the stage), then move on at the end, so the
    // keyboard reaches every part of it. Page Down, → and space always move (the clicker's keys).
    if (!inDialog && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      const direction = event.key === 'ArrowDown' ? 1 : -1;
      if (stepChart(direction) || scrollStage(direction)) return;
    }
    act(action);
  });

  root.addEventListener('click', (event) => {
    const button =
      event.target instanceof Element ? event.target.closest<HTMLElement>('[data-act]') : null;
    if (button?.dataset.act === 'chart-next' || button?.dataset.act === 'chart-previous') {
      stepChart(button.dataset.act === 'chart-next' ? 1 : -1);
      return;
    }
    const action = button?.dataset.act as TalkAction | undefined;
    if (action) act(action);
  });
  p.overviewList.addEventListener('click', (event) => {
    const button =
      event.target instanceof Element ? event.target.closest<HTMLElement>('[data-goto]') : null;
    if (!button) return;
    p.overview.close();
    void go(Number(button.dataset.goto));
  });
  for (const dialog of [p.overview, p.help]) {
    dialog.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target === dialog || target?.closest('[data-close]')) dialog.close();
    });
  }

  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseMessage(event.data);
    if (message?.type === 'hello') post({ type: 'at', index, count: scenes.length });
    if (message?.type === 'goto') void go(message.index);
  });

  window.addEventListener('hashchange', () => {
    const asked = sceneFromHash(location.hash, scenes.length);
    if (asked.kind === 'none') return;
    // An address naming the scene shown but not its figure's state (typed by hand, or a link cut
    // short) would leave the figure at its defaults under the scene's headline: show the scene
    // as rehearsed instead.
    const figure = scenes[asked.index]?.figure;
    const bare = figure !== undefined && !readFragment(location.hash).has(figure);
    if (asked.index !== index || bare) void go(asked.index, { fromAddress: true });
  });

  if (scenes.length === 0) {
    say('This chapter has no scenes yet.');
    return;
  }
  const asked = sceneFromHash(location.hash, scenes.length);
  if (asked.kind === 'invalid') say(asked.notice);
  void go(asked.kind === 'none' ? 0 : asked.index, { fromAddress: asked.kind === 'scene' });
}
