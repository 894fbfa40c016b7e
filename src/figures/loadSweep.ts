/**
 * Latency versus load, from a sweep the worker ran (`simulations/scenarios/loadSweep.ts`): above,
 * p99 (solid) and p50 (dashed) on a log axis against offered load, a line per cut, each cut's
 * knee marked with a dot and named by its bottleneck in the top margin, and where each point is
 * the middle of several seeds' runs, a band spanning them; below, the busiest
 * resource's utilisation on the same x axis, so a reader sees the curve bend where the resource
 * fills. Numbers come from the sweep; this module only arranges them.
 */
import * as Plot from '@observablehq/plot';
import {
  type CutSweep,
  formatLoad,
  kneeLabel,
  type LoadSweep,
  resourceName,
  type SweepPoint,
} from '../../simulations/scenarios/loadSweep.ts';
import { formatMs, formatShare } from './format.ts';
import { seriesColour } from './palette.ts';
import { logTicks } from './timeline.ts';

export interface LoadSweepOptions {
  readonly width?: number;
}

interface LatencyRow {
  readonly label: string;
  readonly statistic: 'p50' | 'p99';
  readonly load: number;
  readonly ms: number;
  /** The lowest and highest over the point's seeds. */
  readonly lo: number;
  readonly hi: number;
}

export interface KneeMark {
  readonly label: string;
  readonly load: number;
  readonly p50: number;
  readonly text: string;
}

/** Height of one knee label's row in the top margin. */
const LABEL_ROW = 22;
const STYLE = { fontSize: '15px', background: 'transparent', color: 'currentColor' };

/** One row per cut, statistic and load, for the latency lines. */
export function latencyRows(sweep: LoadSweep): LatencyRow[] {
  return sweep.cuts.flatMap((cut) =>
    cut.points.flatMap((p: SweepPoint) =>
      (['p50', 'p99'] as const).map((statistic) => {
        const [lo, hi] = statistic === 'p50' ? p.p50Range : p.p99Range;
        return { label: cut.label, statistic, load: p.load, ms: p[statistic], lo, hi };
      }),
    ),
  );
}

/** The knees to mark, in the order of the cuts. */
export function kneeMarks(sweep: LoadSweep): KneeMark[] {
  const marks: KneeMark[] = [];
  for (const cut of sweep.cuts) {
    if (!cut.knee) continue;
    marks.push({
      label: cut.label,
      load: cut.knee.load,
      p50: cut.knee.p50,
      text: kneeLabel(cut),
    });
  }
  return marks;
}

function colourScale(sweep: LoadSweep) {
  const labels = sweep.cuts.map((c) => c.label);
  return { domain: labels, range: labels.map(seriesColour), legend: labels.length > 1 };
}

function xAxis(sweep: LoadSweep, label: string | null) {
  return {
    domain: [0, sweep.range[1] * 1.02],
    label,
    grid: true,
    tickFormat: (v: number) => v.toLocaleString('en'),
  };
}

/** Average advance of a character of the knee labels (15 px semibold), for placing them. */
const CHAR_PX = 9.2;
const LABEL_PX = 15;
/** Smallest type a label is shrunk to when even its longer half is wider than the chart. */
const MIN_LABEL_PX = 11;
/** Clear space between the last label row and the frame, where the top tick's label reaches. */
const LABEL_GAP = 8;

/** One line of a knee's label, placed in its row of the top margin. */
export interface KneeLine {
  readonly label: string;
  readonly row: number;
  /** x of the anchor, in data units (requests per second). */
  readonly load: number;
  readonly text: string;
  readonly anchor: 'start' | 'end';
  readonly dx: number;
  readonly fontSize: number;
}

interface Frame {
  readonly width: number;
  readonly left: number;
  readonly right: number;
  readonly xMax: number;
}

/**
 * The knees' labels as lines in rows: each beside its rule when it fits, else against the
 * chart's right edge; a label wider than the whole chart (a phone's column) goes on two lines,
 * split after its colon, and a line still too wide is set smaller. No line leaves the SVG.
 */
export function kneeLines(knees: readonly KneeMark[], frame: Frame): KneeLine[] {
  const lines: KneeLine[] = [];
  // The widest a line may be: the SVG less the 2 px a line keeps from each edge.
  const room = frame.width - 4;
  for (const knee of knees) {
    const colon = knee.text.indexOf(': ');
    const parts =
      textPx(knee.text, LABEL_PX) <= room || colon < 0
        ? [knee.text]
        : [knee.text.slice(0, colon + 1), knee.text.slice(colon + 2)];
    const widest = Math.max(...parts.map((t) => textPx(t, LABEL_PX)));
    const fontSize = Math.max(MIN_LABEL_PX, Math.min(LABEL_PX, (LABEL_PX * room) / widest));
    const place = placeLabel(knee.load, widest * (fontSize / LABEL_PX), frame);
    for (const text of parts) {
      lines.push({ label: knee.label, row: lines.length, text, fontSize, ...place });
    }
  }
  return lines;
}

function textPx(text: string, fontSize: number): number {
  return text.length * CHAR_PX * (fontSize / LABEL_PX);
}

/** Where a label `size` px wide goes: beside its rule if it fits, else against the right edge. */
function placeLabel(load: number, size: number, { width, left, right, xMax }: Frame) {
  const x = left + (load / xMax) * (width - left - right);
  if (x + 8 + size <= width) return { load, anchor: 'start' as const, dx: 8 };
  if (x - 8 - size >= 0) return { load, anchor: 'end' as const, dx: -8 };
  // Ends 2 px inside the SVG's right edge, which lies `right` px past the last x value.
  return { load: xMax, anchor: 'end' as const, dx: right - 2 };
}

/** Plot options for the two panels: latency (log) and the busiest resource's utilisation. */
export function loadSweepPlots(
  sweep: LoadSweep,
  { width = 760 }: LoadSweepOptions = {},
): [Plot.PlotOptions, Plot.PlotOptions] {
  const rows = latencyRows(sweep);
  const knees = kneeMarks(sweep);
  const left = 64;
  const right = 44;
  const xMax = sweep.range[1] * 1.02;
  const lines = kneeLines(knees, { width, left, right, xMax });
  const marginTop = 14 + lines.length * LABEL_ROW + LABEL_GAP;
  // The bands' ends too, so that no seed's run is drawn off the chart.
  const positive = rows.flatMap((r) => [r.lo, r.ms, r.hi]).filter((ms) => ms > 0);
  const yDomain = [Math.min(...positive) / 1.15, Math.max(...positive) * 1.15];
  // The longest line gets direct "p50" and "p99" labels at its end, so no key is needed.
  const longest = [...sweep.cuts].sort(
    (a, b) => (b.points.at(-1)?.load ?? 0) - (a.points.at(-1)?.load ?? 0),
  )[0];
  const ends = longest?.points.at(-1);
  const endLabels = ends
    ? [
        { load: ends.load, ms: ends.p50, text: 'p50' },
        { load: ends.load, ms: ends.p99, text: 'p99' },
      ]
    : [];
  const latency: Plot.PlotOptions = {
    width,
    height: 300 + lines.length * LABEL_ROW + LABEL_GAP,
    marginTop,
    marginLeft: left,
    marginRight: right,
    marginBottom: 30,
    style: STYLE,
    x: xAxis(sweep, null),
    y: {
      type: 'log',
      domain: yDomain,
      label: null,
      grid: true,
      ticks: logTicks(positive),
      tickFormat: (ms: number) => formatMs(ms),
    },
    color: colourScale(sweep),
    marks: [
      // Under the lines: how far the seed alone moves each point (absent with one seed a load).
      ...(sweep.runs > 1
        ? (['p50', 'p99'] as const).map((statistic) =>
            Plot.areaY(
              rows.filter((r) => r.statistic === statistic && r.lo > 0),
              { x: 'load', y1: 'lo', y2: 'hi', z: 'label', fill: 'label', fillOpacity: 0.2 },
            ),
          )
        : []),
      ...(['p50', 'p99'] as const).map((statistic) =>
        Plot.line(
          rows.filter((r) => r.statistic === statistic),
          {
            x: 'load',
            y: 'ms',
            z: 'label',
            stroke: 'label',
            strokeWidth: statistic === 'p99' ? 3 : 2.25,
            strokeDasharray: statistic === 'p50' ? '7 4' : undefined,
            marker: statistic === 'p99' ? 'circle-stroke' : undefined,
          },
        ),
      ),
      Plot.text(endLabels, {
        x: 'load',
        y: 'ms',
        text: 'text',
        dx: 10,
        textAnchor: 'start',
        fill: 'currentColor',
        fontSize: 14,
      }),
      // A rule from each knee up to the top, where its label says where and why.
      Plot.ruleX(knees, {
        x: 'load',
        y1: 'p50',
        y2: () => yDomain[1],
        stroke: 'label',
        strokeDasharray: '3 3',
        strokeWidth: 1.75,
      }),
      Plot.dot(knees, {
        x: 'load',
        y: 'p50',
        fill: 'label',
        r: 7,
        stroke: 'var(--bg, white)',
        strokeWidth: 2,
      }),
      // Plot's text options are constants, so each line of a knee's label is its own mark.
      ...lines.map((line) =>
        Plot.text([line], {
          x: 'load',
          frameAnchor: 'top',
          dy: -(lines.length - line.row) * LABEL_ROW - LABEL_GAP + 4,
          dx: line.dx,
          text: 'text',
          textAnchor: line.anchor,
          fill: 'currentColor',
          fontWeight: 600,
          fontSize: line.fontSize,
        }),
      ),
    ],
  };
  const utilisation: Plot.PlotOptions = {
    width,
    height: 170,
    marginTop: 12,
    marginLeft: left,
    marginRight: right,
    marginBottom: 44,
    style: STYLE,
    x: xAxis(sweep, 'Offered load (requests per second) →'),
    y: { domain: [0, 1], label: null, tickFormat: '%', grid: true, ticks: [0, 0.25, 0.5, 0.75, 1] },
    color: { ...colourScale(sweep), legend: false },
    marks: [
      Plot.ruleY([1], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      Plot.line(
        sweep.cuts.flatMap((cut) =>
          cut.points.map((p) => ({ label: cut.label, load: p.load, u: p.busiest.utilization })),
        ),
        { x: 'load', y: 'u', stroke: 'label', strokeWidth: 2.5, marker: 'circle-stroke' },
      ),
      Plot.ruleX(knees, { x: 'load', stroke: 'label', strokeDasharray: '3 3', strokeWidth: 1.75 }),
    ],
  };
  return [latency, utilisation];
}

/** A table row per cut: where it bends, why, and what it answers before it does. */
export interface SweepRow {
  readonly label: string;
  readonly knee: string;
  readonly saturation: string;
  readonly bottleneck: string;
  readonly light: string;
}

export function sweepRows(sweep: LoadSweep): SweepRow[] {
  return sweep.cuts.map((cut: CutSweep) => {
    const first = cut.points[0];
    return {
      label: cut.label,
      knee: cut.knee ? formatLoad(cut.knee.load) : 'not within the range',
      saturation: formatLoad(cut.saturation.load),
      bottleneck: resourceName(cut.saturation.bottleneck),
      light: first
        ? `${formatMs(first.p50)} / ${formatMs(first.p99)} at ${formatLoad(first.load)}`
        : '–',
    };
  });
}

/** The latency chart's title, which says what its lines and bands are. */
export function latencyTitle(sweep: LoadSweep): string {
  const seeds =
    sweep.runs > 1 ? `, each the middle of ${sweep.runs} seeds, the band their range` : '';
  return `Latency of successful requests (log scale): p99 solid, p50 dashed${seeds}; a dot marks each knee`;
}

/** Which stage is shown, in words: "Coarse: 5 loads × 400 requests per cut; refining…". */
export function stageNote(sweep: LoadSweep): string {
  const loads = sweep.cuts[0]?.points.length ?? 0;
  const runs = sweep.runs > 1 ? ` × ${sweep.runs} seeds` : '';
  const from = sweep.runs > 1 ? 'from seed' : 'seed';
  const what = `${loads} loads${runs} × ${sweep.requests.toLocaleString('en')} requests per cut, ${from} ${sweep.seed}`;
  return sweep.stage === 'coarse' ? `Coarse: ${what}; refining…` : `Refined: ${what}`;
}

/** Knees closer than this share of the lower one are "about the same load". */
const SAME_KNEE = 0.1;
/** Seeds whose p99 differ by this factor or more at one load are worth a sentence. */
const SEEDS_DISAGREE = 2;

/** Where a cut's seeds disagree most about p99, if by `SEEDS_DISAGREE` or more. */
export function widestDisagreement(cut: CutSweep): SweepPoint | undefined {
  let widest: SweepPoint | undefined;
  let ratio = SEEDS_DISAGREE;
  for (const p of cut.points) {
    const [lo, hi] = p.p99Range;
    if (p.runs > 1 && lo > 0 && hi / lo >= ratio) {
      widest = p;
      ratio = hi / lo;
    }
  }
  return widest;
}

/** The text alternative: each cut's knee and bottleneck, and which bends first. */
export function describeSweep(sweep: LoadSweep): string {
  const parts = sweep.cuts.map((cut) => {
    const full = `its busiest resource would be full near ${formatLoad(cut.saturation.load)}`;
    const wide = widestDisagreement(cut);
    const seeds = wide
      ? ` At ${formatLoad(wide.load)} its ${wide.runs} seeds disagree, p99 from ${formatMs(wide.p99Range[0])} to ${formatMs(wide.p99Range[1])}: this close to saturation a short run either drains its queue or tips over.`
      : '';
    return `${kneeLabel(cut)}${cut.knee ? `; ${full}` : ''}.${seeds}`;
  });
  const bent = [...sweep.cuts.filter((c) => c.knee)].sort(
    (a, b) => (a.knee?.load ?? 0) - (b.knee?.load ?? 0),
  );
  const [first, second] = bent;
  let lead = '';
  if (first?.knee && second?.knee) {
    const close = bent.filter(
      (c) => (c.knee?.load ?? 0) < (first.knee?.load ?? 0) * (1 + SAME_KNEE),
    );
    lead =
      close.length > 1
        ? ` ${close.map((c) => c.label).join(' and ')} bend at about the same load.`
        : ` ${first.label} bends first.`;
  }
  const worst = sweep.cuts
    .map((c) => c.points[c.points.length - 1])
    .filter((p): p is SweepPoint => p !== undefined)
    .map((p) => p.availability);
  const availability =
    worst.length > 0 && Math.min(...worst) < 0.999
      ? ` At the highest load, availability falls to ${formatShare(Math.min(...worst))}.`
      : '';
  return `${parts.join(' ')}${lead}${availability}`;
}
