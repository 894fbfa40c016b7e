import { describe, expect, it } from 'vitest';
import { actionOfKey, focusKind, moveTo } from './keys.ts';

describe('the presenter keys', () => {
  it('moves with the keys a clicker sends and the ones speakers know', () => {
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'n', 'N'])
      expect(actionOfKey({ key })).toBe('next');
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp', 'p'])
      expect(actionOfKey({ key })).toBe('previous');
    expect(actionOfKey({ key: ' ', shiftKey: true })).toBe('previous');
    expect(actionOfKey({ key: 'Home' })).toBe('first');
    expect(actionOfKey({ key: 'End' })).toBe('last');
  });

  it('opens full screen, the overview, the notes and the key list', () => {
    expect(actionOfKey({ key: 'f' })).toBe('fullscreen');
    expect(actionOfKey({ key: 'F' })).toBe('fullscreen');
    expect(actionOfKey({ key: 'o' })).toBe('overview');
    expect(actionOfKey({ key: 's' })).toBe('notes');
    expect(actionOfKey({ key: '?', shiftKey: true })).toBe('help');
  });

  it('leaves browser shortcuts alone', () => {
    expect(actionOfKey({ key: 'f', ctrlKey: true })).toBeUndefined();
    expect(actionOfKey({ key: 'ArrowRight', altKey: true })).toBeUndefined();
    expect(actionOfKey({ key: 'r', metaKey: true })).toBeUndefined();
    expect(actionOfKey({ key: 'x' })).toBeUndefined();
  });

  it('lets a focused slider keep its arrows, but a clicker still moves the scenes', () => {
    expect(actionOfKey({ key: 'ArrowRight', focus: 'keys' })).toBeUndefined();
    expect(actionOfKey({ key: ' ', focus: 'keys' })).toBeUndefined();
    expect(actionOfKey({ key: 'f', focus: 'keys' })).toBeUndefined();
    expect(actionOfKey({ key: 'PageDown', focus: 'keys' })).toBe('next');
    expect(actionOfKey({ key: 'PageUp', focus: 'keys' })).toBe('previous');
    expect(actionOfKey({ key: 'Escape', focus: 'keys' })).toBe('escape');
  });

  it('lets space press a focused button, while arrows still move', () => {
    expect(actionOfKey({ key: ' ', focus: 'press' })).toBeUndefined();
    expect(actionOfKey({ key: 'ArrowRight', focus: 'press' })).toBe('next');
  });

  it('tells sliders and text from buttons and checkboxes', () => {
    expect(focusKind('INPUT', 'range', false)).toBe('keys');
    expect(focusKind('INPUT', 'number', false)).toBe('keys');
    expect(focusKind('SELECT', null, false)).toBe('keys');
    expect(focusKind('INPUT', 'checkbox', false)).toBe('press');
    expect(focusKind('BUTTON', null, false)).toBe('press');
    expect(focusKind('A', null, false)).toBe('press');
    expect(focusKind('DIV', null, true)).toBe('keys');
    expect(focusKind('H1', null, false)).toBe('stage');
  });

  it('stops at both ends of the deck', () => {
    expect(moveTo('next', 0, 3)).toBe(1);
    expect(moveTo('next', 2, 3)).toBe(2);
    expect(moveTo('previous', 0, 3)).toBe(0);
    expect(moveTo('last', 0, 3)).toBe(2);
    expect(moveTo('first', 2, 3)).toBe(0);
    expect(moveTo('next', 0, 0)).toBe(0);
    expect(moveTo('next', -5, 3)).toBe(1);
  });
});
