/**
 * A figure's state in the page address: read it when the figure starts, write it on "Copy link",
 * clear it on "Reset". One entry per figure in the fragment, so several figures on a page keep
 * their own state in one shareable link.
 */
import {
  decodeFigureState,
  encodeFigureState,
  type FigureState,
  readFragment,
  writeFragment,
} from './figureState.ts';

export type LoadedState =
  | { readonly kind: 'none' }
  | { readonly kind: 'state'; readonly state: FigureState }
  | { readonly kind: 'invalid'; readonly notice: string };

/** The state stored for figure `id` in the current address, if any. */
export async function loadFigureState(id: string): Promise<LoadedState> {
  const stored = readFragment(location.hash).get(id);
  if (stored === undefined) return { kind: 'none' };
  const decoded = await decodeFigureState(stored);
  if (decoded.ok) return { kind: 'state', state: decoded.state };
  return {
    kind: 'invalid',
    notice: `This figure's link could not be used (${decoded.reason}); showing its defaults.`,
  };
}

function replaceHash(hash: string): string {
  history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  return `${location.origin}${location.pathname}${location.search}${hash}`;
}

/** Writes the state into the address and copies the link; resolves to what to tell the reader. */
export async function copyFigureLink(id: string, state: FigureState): Promise<string> {
  const url = replaceHash(writeFragment(location.hash, id, await encodeFigureState(state)));
  try {
    await navigator.clipboard.writeText(url);
    return 'Link copied';
  } catch {
    return 'Link is in the address bar';
  }
}

/** Removes the figure's entry from the address. */
export function clearFigureLink(id: string): void {
  replaceHash(writeFragment(location.hash, id, undefined));
}
