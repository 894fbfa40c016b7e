/**
 * A state diagram read from a real XState v5 machine (`machine.root`), laid out with ELK at build
 * time like the topology, so pages ship coordinates, not the layout engine.
 *
 * What is drawn: every top-level state; every transition that changes state, labelled the way
 * statecharts write it: `EVENT [guard]` for an event, `after cooldown` for a delayed transition,
 * `[guard]` for an eventless (`always`) one. Transitions without a target only run actions inside
 * their state (a breaker counting a result): they are listed as the state's `handles`, not drawn
 * as arrows. Transitions between the same two states share one arrow with one label line each.
 */

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkEdgeSection, ElkNode } from 'elkjs/lib/elk-api.js';
import type { AnyStateMachine, AnyTransitionDefinition } from 'xstate';
import { LABEL_FONT_PX, LABEL_LINE_PX, STATE_FONT_PX } from './machineLabels.ts';

export type TransitionKind = 'event' | 'after' | 'always';

/** One transition of the machine, as defined. */
export interface MachineTransition {
  readonly from: string;
  /** Null for a targetless transition (actions only; the state does not change). */
  readonly to: string | null;
  readonly kind: TransitionKind;
  /** Event type (`FAILURE`), delay name (`cooldown`) or '' for `always`. */
  readonly trigger: string;
  readonly guard: string | null;
  readonly actions: readonly string[];
  /** `FAILURE [isCurrent]`, `after cooldown`, `[failureRateReached]`. */
  readonly label: string;
}

export interface MachineState {
  readonly id: string;
  readonly final: boolean;
  readonly initial: boolean;
  /** Events handled without leaving the state. */
  readonly handles: readonly string[];
}

export interface MachineGraph {
  readonly id: string;
  readonly states: readonly MachineState[];
  readonly transitions: readonly MachineTransition[];
}

/** Name of an action or guard as the machine's `setup` knows it. */
function nameOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'object' && x !== null && 'type' in x && typeof x.type === 'string')
    return x.type;
  if (typeof x === 'function') return x.name || 'inline';
  return 'inline';
}

/** "buildTime" → "build time", so a delay reads as words. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The states and transitions of a flat machine; throws on nested states (not drawn yet). */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root;
  const initial = new Set(root.initial.target.map((t) => t.key));
  const transitions: MachineTransition[] = [];
  const states: MachineState[] = [];
  for (const [key, node] of Object.entries(root.states)) {
    if (Object.keys(node.states).length > 0) {
      throw new Error(`machineGraph: state "${key}" of "${machine.id}" has child states`);
    }
    const delayed = new Set(node.after.map((t) => t.eventType));
    const add = (kind: TransitionKind, trigger: string, t: AnyTransitionDefinition) => {
      const guard = t.guard === undefined ? null : nameOf(t.guard);
      const guardText = guard === null ? '' : `[${guard}]`;
      const label =
        kind === 'after'
          ? `after ${words(trigger)}${guard ? ` ${guardText}` : ''}`
          : kind === 'always'
            ? guardText || 'always'
            : `${trigger}${guard ? ` ${guardText}` : ''}`;
      transitions.push({
        from: key,
        to: t.target?.[0]?.key ?? null,
        kind,
        trigger,
        guard,
        actions: t.actions.map(nameOf),
        label,
      });
    };
    for (const [event, list] of Object.entries(node.on)) {
      if (delayed.has(event)) continue;
      for (const t of list) add('event', event, t);
    }
    for (const t of node.after) add('after', nameOf(t.delay), t);
    for (const t of node.always ?? []) add('always', '', t);
    const handles = [
      ...new Set(transitions.filter((t) => t.from === key && t.to === null).map((t) => t.trigger)),
    ];
    states.push({ id: key, final: node.type === 'final', initial: initial.has(key), handles });
  }
  return { id: machine.id, states, transitions };
}

export interface PlacedState extends MachineState {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One drawn arrow: every transition from `from` to `to`. */
export interface PlacedArrow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly labels: readonly string[];
  /** SVG path data. */
  readonly d: string;
  /** Top-left of the label block. */
  readonly labelX: number;
  readonly labelY: number;
}

export interface MachineLayout {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly states: readonly PlacedState[];
  readonly arrows: readonly PlacedArrow[];
  /** Every transition, for the text alternative. */
  readonly transitions: readonly MachineTransition[];
}

export { LABEL_FONT_PX, LABEL_LINE_PX, STATE_FONT_PX };

const STATE_CHAR = 8.6;
const LABEL_CHAR = 7.4;
const STATE_HEIGHT = 40;

function sectionPath(section: ElkEdgeSection): string {
  const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
  return `M${points.map((p) => `${round(p.x)},${round(p.y)}`).join(' L')}`;
}

const round = (x: number) => Math.round(x * 10) / 10;

export interface MachineLayoutOptions {
  /**
   * Flow of the diagram (default left to right). A long chain of states (the nine-state
   * pipeline) reads better downwards: drawn in one row it shrinks its labels below legibility,
   * and ELK's wrapping splits arrows across rows.
   */
  readonly direction?: 'RIGHT' | 'DOWN';
}

/**
 * Lays the graph out; labels are placed by ELK so they do not overlap. States keep the order
 * they are defined in (the initial state first), and arrows against that order are the ones
 * drawn backwards.
 */
export async function layoutMachine(
  graph: MachineGraph,
  { direction = 'RIGHT' }: MachineLayoutOptions = {},
): Promise<MachineLayout> {
  const arrows = new Map<string, { from: string; to: string; labels: string[] }>();
  for (const t of graph.transitions) {
    if (t.to === null) continue;
    const id = `${t.from}->${t.to}`;
    const arrow = arrows.get(id) ?? { from: t.from, to: t.to, labels: [] };
    arrow.labels.push(t.label);
    arrows.set(id, arrow);
  }
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.layered.spacing.nodeNodeBetweenLayers': '24',
      'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
      'elk.spacing.nodeNode': '28',
      'elk.spacing.edgeLabel': '4',
      'elk.spacing.edgeNode': '14',
      'elk.edgeLabels.inline': 'false',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.randomSeed': '1',
    },
    children: graph.states.map((s) => ({
      id: s.id,
      width: Math.round(s.id.length * STATE_CHAR + 36),
      height: STATE_HEIGHT,
    })),
    edges: [...arrows].map(([id, a]) => ({
      id,
      sources: [a.from],
      targets: [a.to],
      labels: [
        {
          id: `${id}:label`,
          text: a.labels.join('\n'),
          width: Math.round(Math.max(...a.labels.map((l) => l.length)) * LABEL_CHAR + 8),
          height: a.labels.length * LABEL_LINE_PX + 2,
        },
      ],
    })),
  };
  const laid = await new ELK().layout(input);
  const byId = new Map(graph.states.map((s) => [s.id, s]));
  const states: PlacedState[] = (laid.children ?? []).map((child) => {
    const s = byId.get(child.id);
    if (!s) throw new Error(`layout returned unknown state ${child.id}`);
    return {
      ...s,
      x: round(child.x ?? 0),
      y: round(child.y ?? 0),
      width: child.width ?? 0,
      height: child.height ?? 0,
    };
  });
  const placed: PlacedArrow[] = (laid.edges ?? []).flatMap((edge) => {
    const arrow = arrows.get(edge.id);
    const section = 'sections' in edge ? edge.sections?.[0] : undefined;
    const label = edge.labels?.[0];
    if (!arrow || !section) return [];
    return [
      {
        id: edge.id,
        from: arrow.from,
        to: arrow.to,
        labels: arrow.labels,
        d: sectionPath(section),
        labelX: round(label?.x ?? section.startPoint.x),
        labelY: round(label?.y ?? section.startPoint.y),
      },
    ];
  });
  return {
    id: graph.id,
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    states,
    arrows: placed,
    transitions: graph.transitions,
  };
}
