/**
 * How each control looks to a reader: its label, unit, range and step. Authors may narrow a range
 * or rename a label per figure; everything else comes from here so every figure on the site
 * speaks the same units.
 */
import type { ControlName, ControlValue } from '../../simulations/scenarios/controls.ts';

export interface RangeControl {
  readonly kind: 'range';
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Shown value = stored value × scale (shares are stored 0–1, shown in %). */
  readonly scale: number;
}

export interface SelectControl {
  readonly kind: 'select';
  readonly label: string;
  readonly options: readonly string[];
}

export interface ToggleControl {
  readonly kind: 'toggle';
  readonly label: string;
}

export type ControlLook = RangeControl | SelectControl | ToggleControl;

export const CONTROL_CATALOGUE: Readonly<Record<ControlName, ControlLook>> = {
  calls: {
    kind: 'range',
    label: 'Calls per request',
    unit: '×',
    min: 1,
    max: 20,
    step: 1,
    scale: 1,
  },
  failureRate: {
    kind: 'range',
    label: 'Failure rate',
    unit: '%',
    min: 0,
    max: 0.5,
    step: 0.005,
    scale: 100,
  },
  down: { kind: 'toggle', label: 'Down' },
  hang: { kind: 'toggle', label: 'Hangs' },
  timeout: {
    kind: 'range',
    label: 'Timeout (0 = none)',
    unit: 'ms',
    min: 0,
    max: 2000,
    step: 10,
    scale: 1,
  },
  retries: {
    kind: 'range',
    label: 'Attempts (1 = no retry)',
    unit: '',
    min: 1,
    max: 6,
    step: 1,
    scale: 1,
  },
  backoff: { kind: 'select', label: 'Backoff', options: ['none', 'constant', 'exponential'] },
  jitter: { kind: 'select', label: 'Jitter', options: ['none', 'full', 'equal', 'decorrelated'] },
  budget: {
    kind: 'range',
    label: 'Retry budget (0 = none)',
    unit: '%',
    min: 0,
    max: 0.5,
    step: 0.01,
    scale: 100,
  },
  breaker: { kind: 'toggle', label: 'Circuit breaker' },
  replicas: { kind: 'range', label: 'Replicas', unit: '', min: 1, max: 10, step: 1, scale: 1 },
  load: { kind: 'range', label: 'Load', unit: 'req/s', min: 10, max: 2000, step: 10, scale: 1 },
  release: { kind: 'select', label: 'Release style', options: ['per-team', 'one-click'] },
  owners: { kind: 'select', label: 'Team ownership', options: ['as-written', 'one-team'] },
  deployFailureRate: {
    kind: 'range',
    label: 'Deploy failure rate',
    unit: '%',
    min: 0,
    max: 0.2,
    step: 0.005,
    scale: 100,
  },
  networkErrors: {
    kind: 'range',
    label: 'Network error rate per hop',
    unit: '%',
    min: 0,
    max: 0.1,
    step: 0.001,
    scale: 100,
  },
  hedge: { kind: 'toggle', label: 'Hedged requests (a second copy after p95)' },
  bulkhead: {
    kind: 'range',
    label: 'Bulkhead: calls in flight (0 = none)',
    unit: '',
    min: 0,
    max: 200,
    step: 5,
    scale: 1,
  },
};

/** An author's control in MDX: which knob, on what, and optionally a narrower look. */
export interface FigureControl {
  readonly control: ControlName;
  readonly target?: string;
  readonly label?: string;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
}

/** The control's look with the author's overrides applied. */
export function lookOf(control: FigureControl): ControlLook {
  const base = CONTROL_CATALOGUE[control.control];
  const label = control.label ?? (control.target ? `${base.label}: ${control.target}` : base.label);
  if (base.kind !== 'range') return { ...base, label };
  return {
    ...base,
    label,
    min: control.min ?? base.min,
    max: control.max ?? base.max,
    step: control.step ?? base.step,
  };
}

/** The value as shown beside the control: "20%", "250 ms", "3". */
export function showValue(look: ControlLook, value: ControlValue): string {
  if (look.kind === 'toggle') return value === true ? 'on' : 'off';
  if (look.kind === 'select') return String(value);
  const shown = Number(value) * look.scale;
  const rounded = Number.isInteger(shown) ? String(shown) : shown.toFixed(1);
  return look.unit
    ? `${rounded}${look.unit === '%' || look.unit === '×' ? '' : ' '}${look.unit}`
    : rounded;
}
