/**
 * The speaker-notes window: the scene's notes, the next scene, an elapsed-time timer, and keys or
 * buttons that move the stage. It reads the scenes from the stage page itself (same origin, and
 * precached offline), and follows the stage over the chapter's BroadcastChannel; while no stage
 * answers it moves on its own, so the notes can be rehearsed without a second screen.
 */
import { channelName, parseMessage, type TalkMessage } from '../../lib/talk/channel.ts';
import { actionOfKey, focusKind, moveTo } from '../../lib/talk/keys.ts';
import { readScenes, type Scene } from '../../lib/talk/scene.ts';
import {
  elapsed,
  formatElapsed,
  parseTimer,
  stoppedTimer,
  type TimerState,
  toggleTimer,
} from '../../lib/talk/timer.ts';

function need<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`notes window: missing ${selector}`);
  return el;
}

async function loadScenes(
  stageUrl: string,
): Promise<{ scenes: readonly Scene[]; problem?: string }> {
  try {
    const response = await fetch(stageUrl);
    if (!response.ok) return { scenes: [], problem: `the stage page answered ${response.status}` };
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const templates = [
      ...doc.querySelectorAll<HTMLTemplateElement>('template[data-lockstep-scene]'),
    ];
    const list = readScenes(
      templates.map((t) => ({ data: t.getAttribute('data-lockstep-scene'), notes: t.innerHTML })),
    );
    return list.ok
      ? { scenes: list.scenes }
      : { scenes: list.scenes, problem: list.problems.join('; ') };
  } catch {
    return {
      scenes: [],
      problem: 'the stage page could not be loaded (offline before its first visit?)',
    };
  }
}

export async function startNotes(root: HTMLElement): Promise<void> {
  const chapter = root.dataset.chapter ?? 'talk';
  const timerKey = `lockstep-talk-timer:${chapter}`;
  const el = {
    count: need<HTMLElement>(root, '[data-count]'),
    link: need<HTMLElement>(root, '[data-link]'),
    headline: need<HTMLElement>(root, '[data-headline]'),
    planned: need<HTMLElement>(root, '[data-planned]'),
    notes: need<HTMLElement>(root, '[data-notes]'),
    next: need<HTMLElement>(root, '[data-next]'),
    clock: need<HTMLElement>(root, '[data-clock]'),
    pause: need<HTMLButtonElement>(root, '[data-timer-toggle]'),
    reset: need<HTMLButtonElement>(root, '[data-timer-reset]'),
    problem: need<HTMLElement>(root, '[data-problem]'),
  };
  const { scenes, problem } = await loadScenes(root.dataset.stage ?? '../');
  if (problem) {
    el.problem.hidden = false;
    el.problem.textContent = `Some scenes could not be read: ${problem}.`;
  }
  let index = 0;
  let connected = false;
  const channel =
    'BroadcastChannel' in window ? new BroadcastChannel(channelName(chapter)) : undefined;
  const post = (message: TalkMessage) => channel?.postMessage(message);

  function show(at: number) {
    index = Math.min(Math.max(0, at), Math.max(0, scenes.length - 1));
    const scene = scenes[index];
    const next = scenes[index + 1];
    root.dataset.scene = String(index + 1);
    el.count.textContent =
      scenes.length > 0 ? `Scene ${index + 1} of ${scenes.length}` : 'No scenes';
    el.headline.textContent = scene?.headline ?? '';
    el.planned.textContent = scene?.minutes ? `Planned: ${scene.minutes} min` : '';
    // Notes are the chapter's own HTML, rendered by the build.
    el.notes.innerHTML = scene?.notes || '<p class="empty">No notes for this scene.</p>';
    el.next.textContent = next ? `${index + 2}. ${next.headline}` : 'End of the talk';
    document.title = `Notes ${index + 1}/${scenes.length} · ${root.dataset.title ?? 'Lockstep'}`;
  }

  function setLink(state: boolean) {
    connected = state;
    el.link.textContent = state ? 'Following the stage' : 'Stage not open: moving on my own';
    el.link.dataset.connected = String(state);
  }

  /** Asks the stage to move; without a stage, moves the notes themselves. */
  function lead(to: number) {
    post({ type: 'goto', index: to });
    if (!connected) show(to);
  }

  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseMessage(event.data);
    if (message?.type !== 'at') return;
    setLink(true);
    show(message.index);
  });

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
    const action = actionOfKey({
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      focus,
    });
    if (action === 'next' || action === 'previous' || action === 'first' || action === 'last') {
      event.preventDefault();
      lead(moveTo(action, index, scenes.length));
    }
  });
  root.addEventListener('click', (event) => {
    const button =
      event.target instanceof Element ? event.target.closest<HTMLElement>('[data-act]') : null;
    const act = button?.dataset.act;
    if (act === 'next' || act === 'previous') lead(moveTo(act, index, scenes.length));
  });

  // The timer: running from the moment the notes open, kept across reloads in this tab.
  let timer: TimerState = parseTimer(sessionStorage.getItem(timerKey));
  if (!timer.running && timer.before === 0) timer = toggleTimer(stoppedTimer, Date.now());
  const saveTimer = () => {
    try {
      sessionStorage.setItem(timerKey, JSON.stringify(timer));
    } catch {
      /* storage refused: the timer still runs for this page */
    }
  };
  const tick = () => {
    el.clock.textContent = formatElapsed(elapsed(timer, Date.now()));
    el.pause.textContent = timer.running ? 'Pause' : 'Resume';
    el.pause.setAttribute('aria-pressed', String(!timer.running));
  };
  el.pause.addEventListener('click', () => {
    timer = toggleTimer(timer, Date.now());
    saveTimer();
    tick();
  });
  el.reset.addEventListener('click', () => {
    timer = timer.running ? toggleTimer(stoppedTimer, Date.now()) : stoppedTimer;
    saveTimer();
    tick();
  });
  saveTimer();
  tick();
  setInterval(tick, 1000);

  setLink(false);
  show(0);
  // Where is the stage? It answers with `at` if it is open.
  post({ type: 'hello' });
}
