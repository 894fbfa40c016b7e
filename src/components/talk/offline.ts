/**
 * Registers the service worker that Workbox writes over the built site (`astro.config.mjs`), and
 * keeps a small indicator in step: "Saving for offline…" while the site is being precached,
 * "Ready offline" once every page, figure and the engine worker are in the cache, and a reload
 * button when a newer build is waiting. Only in a production build: `astro dev` serves no
 * service worker and must not get one.
 */
import { Workbox } from 'workbox-window';

type Status = 'saving' | 'ready' | 'update' | 'unsupported' | 'failed';

const TEXT: Record<Status, string> = {
  saving: 'Saving for offline…',
  ready: 'Ready offline',
  update: 'A newer version is ready',
  unsupported: '',
  failed: 'Offline copy unavailable',
};

function show(status: Status, onReload?: () => void) {
  for (const box of document.querySelectorAll<HTMLElement>('[data-offline-status]')) {
    box.dataset.state = status;
    box.hidden = TEXT[status] === '';
    const text = box.querySelector<HTMLElement>('[data-offline-text]');
    if (text) text.textContent = TEXT[status];
    const reload = box.querySelector<HTMLButtonElement>('[data-offline-reload]');
    if (reload) {
      reload.hidden = status !== 'update';
      reload.onclick = onReload ? () => onReload() : null;
    }
  }
}

export function registerOffline(swUrl: string, scope: string): void {
  if (!('serviceWorker' in navigator)) {
    show('unsupported');
    return;
  }
  const wb = new Workbox(swUrl, { scope });
  // A new build waits until the speaker chooses to reload: swapping caches under a running talk
  // could leave an open page asking for scripts the new cache no longer has.
  wb.addEventListener('waiting', () => {
    show('update', () => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  show(navigator.serviceWorker.controller ? 'ready' : 'saving');
  wb.register().then(
    async () => {
      // `ready` resolves once a worker is active, that is, after its install precached the site.
      await navigator.serviceWorker.ready;
      const box = document.querySelector<HTMLElement>('[data-offline-status]');
      if (box?.dataset.state !== 'update') show('ready');
    },
    () => show('failed'),
  );
}
