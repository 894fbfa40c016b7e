/**
 * The presenter's keys, as pure data: which key does what, in the habits of reveal.js and Slidev
 * (arrows, Page Up/Down and space move; `f` full screen; `o` overview; `s` notes; `?` help).
 * A clicker sends Page Up/Down or arrows, so Page Up/Down always move; but while a figure's slider,
 * list or text box has the focus, arrows, space and Home/End belong to it (a speaker steps a
 * slider with them), and while a button or checkbox has it, space and Enter press it. Escape
 * hands the keys back to the scenes.
 */

export type TalkAction =
  | 'next'
  | 'previous'
  | 'first'
  | 'last'
  | 'fullscreen'
  | 'overview'
  | 'help'
  | 'notes'
  | 'escape';

export interface KeyPress {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  /**
   * What has the focus: the stage itself, a control that uses arrows and typing (`keys`: slider,
   * select, text box, radio button), or one that space presses (`press`: button, checkbox, link).
   */
  readonly focus?: 'stage' | 'keys' | 'press';
}

const always: Readonly<Record<string, TalkAction>> = {
  PageDown: 'next',
  PageUp: 'previous',
  Escape: 'escape',
};
const onStage: Readonly<Record<string, TalkAction>> = {
  ArrowRight: 'next',
  ArrowDown: 'next',
  ' ': 'next',
  n: 'next',
  ArrowLeft: 'previous',
  ArrowUp: 'previous',
  p: 'previous',
  Home: 'first',
  End: 'last',
  f: 'fullscreen',
  o: 'overview',
  s: 'notes',
  '?': 'help',
};

/** What a key press does in talk mode, or `undefined` to leave it to the browser. */
export function actionOfKey(press: KeyPress): TalkAction | undefined {
  // Browser and system shortcuts (Ctrl+F, Cmd+R…) are never taken over.
  if (press.ctrlKey || press.altKey || press.metaKey) return undefined;
  const fixed = always[press.key];
  if (fixed) return fixed;
  if (press.focus === 'keys') return undefined;
  if (press.key === ' ' && press.focus === 'press') return undefined;
  if (press.key === ' ' && press.shiftKey) return 'previous';
  // Letters work with Caps Lock on; `?` is itself a shifted key, so it is looked up as typed.
  return (
    onStage[press.key] ?? (press.key.length === 1 ? onStage[press.key.toLowerCase()] : undefined)
  );
}

/** The index a move goes to, clamped to the deck (`count` scenes). */
export function moveTo(action: TalkAction, index: number, count: number): number {
  const last = Math.max(0, count - 1);
  const at = Math.min(Math.max(0, index), last);
  if (action === 'next') return Math.min(last, at + 1);
  if (action === 'previous') return Math.max(0, at - 1);
  if (action === 'first') return 0;
  if (action === 'last') return last;
  return at;
}

/** The key list shown on `?`, in the order a speaker looks for them. */
export const KEY_HELP: readonly { readonly keys: readonly string[]; readonly does: string }[] = [
  { keys: ['→', 'Page Down', 'Space', 'N'], does: 'Next scene' },
  { keys: ['←', 'Page Up', 'Shift + Space', 'P'], does: 'Previous scene' },
  {
    keys: ['↓', '↑'],
    does: "Step through a figure's charts (or scroll a tall one), then the next or previous scene",
  },
  { keys: ['Home', 'End'], does: 'First or last scene' },
  { keys: ['F'], does: 'Full screen on or off' },
  { keys: ['O'], does: 'Overview of the scenes' },
  { keys: ['S'], does: 'Open the speaker notes window' },
  { keys: ['?'], does: 'This list of keys' },
  {
    keys: ['Esc'],
    does: 'Close a panel, or give arrow keys back to the scenes after using a control',
  },
];

/** Which kind of focus an element gives (see `KeyPress.focus`), from its tag and type. */
export function focusKind(
  tag: string,
  type: string | null,
  editable: boolean,
): 'stage' | 'keys' | 'press' {
  const t = tag.toLowerCase();
  if (editable || t === 'select' || t === 'textarea') return 'keys';
  if (t === 'input')
    return type === 'checkbox' || type === 'button' || type === 'submit' || type === 'reset'
      ? 'press'
      : 'keys';
  if (t === 'button' || t === 'a' || t === 'summary') return 'press';
  return 'stage';
}
