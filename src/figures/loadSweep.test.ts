import { describe, expect, it } from 'vitest';
import type { CutSweep, LoadSweep } from '../../simulations/scenarios/loadSweep.ts';
import {
  describeSweep,
  kneeLines,
  kneeMarks,
  latencyRows,
  latencyTitle,
  loadSweepPlots,
  stageNote,
  sweepRows,
  widestDisagreement,
} from './loadSweep.ts';

/** A sweep as the worker posts it (numbers shaped like the shop's, rounded). */
function sweep(stage: LoadSweep['stage']): LoadSweep {
  const cut = (label: string, saturation: number, component: string, knee?: number) => ({
    label,
    saturation: {
      load: saturation,
      probeLoad: 300,
      bottleneck: { kind: 'cores' as const, component, utilization: 300 / saturation },
    },
    points: [0.1, 0.5, 1, 1.25].map((f) => ({
      load: Math.round(saturation * f),
      p50: f < 1 ? 11 : 60,
      p99: f < 1 ? 80 : 300,
      // Three seeds a load when refined; at saturation one of them tipped over.
      ...(stage === 'refined' && f === 1
        ? { p50Range: [40, 500] as const, p99Range: [150, 900] as const }
        : {
            p50Range: [f < 1 ? 11 : 60, f < 1 ? 11 : 60] as const,
            p99Range: [f < 1 ? 80 : 300, f < 1 ? 80 : 300] as const,
          }),
      runs: stage === 'coarse' ? 1 : 3,
      availability: f > 1 ? 0.98 : 1,
      throughput: saturation * Math.min(1, f),
      busiest: { kind: 'cores' as const, component, utilization: Math.min(0.97, f) },
    })),
    ...(knee ? { knee: { load: knee, p50: 22 } } : {}),
  });
  const cuts = [
    cut('monolith', 3400, 'shop', 2900),
    cut('microservices', 1700, 'recommendations', 1500),
    cut('distributed-monolith', 1600, 'recommendations'),
  ];
  const loads = cuts.flatMap((c) => c.points.map((p) => p.load));
  return {
    stage,
    requests: stage === 'coarse' ? 400 : 4000,
    seed: 1,
    runs: stage === 'coarse' ? 1 : 3,
    cuts,
    range: [Math.min(...loads), Math.max(...loads)],
  };
}

describe('latency-versus-load figure', () => {
  it('draws p50 and p99 per cut and marks each knee with its bottleneck', () => {
    const s = sweep('refined');
    expect(latencyRows(s)).toHaveLength(3 * 4 * 2);
    const knees = kneeMarks(s);
    expect(knees.map((k) => k.text)).toEqual([
      "monolith bends near 2,900 req/s: shop's cores",
      "microservices bends near 1,500 req/s: recommendations' cores",
    ]);
    const [latency, utilisation] = loadSweepPlots(s, { width: 800 });
    expect(latency.y).toMatchObject({ type: 'log' });
    expect(utilisation.y).toMatchObject({ domain: [0, 1] });
    // Both panels share the x axis, from 0 to past the last point; each knee label has its row.
    expect(latency.x).toEqual(expect.objectContaining({ domain: [0, s.range[1] * 1.02] }));
    expect(utilisation.x).toEqual(expect.objectContaining({ domain: [0, s.range[1] * 1.02] }));
    expect(latency.marginTop).toBeGreaterThan(2 * 20);
  });

  it('says which stage it shows, and what bends where, in words', () => {
    expect(stageNote(sweep('coarse'))).toBe(
      'Coarse: 4 loads × 400 requests per cut, seed 1; refining…',
    );
    expect(stageNote(sweep('refined'))).toBe(
      'Refined: 4 loads × 3 seeds × 4,000 requests per cut, from seed 1',
    );
    const text = describeSweep(sweep('refined'));
    expect(text).toContain(
      "monolith bends near 2,900 req/s: shop's cores; its busiest resource would be full near 3,400 req/s.",
    );
    expect(text).toContain(
      "distributed-monolith saturates near 1,600 req/s: recommendations' cores.",
    );
    expect(text).toContain('microservices bends first.');
    expect(text).toContain('availability falls to 98.0%');
    expect(sweepRows(sweep('refined'))[2]?.knee).toBe('not within the range');
    const close = sweep('refined');
    const [m, ms] = close.cuts;
    const near = { ...close, cuts: [m, { ...ms, knee: { load: 2800, p50: 22 } }] } as LoadSweep;
    expect(describeSweep(near)).toContain(
      'microservices and monolith bend at about the same load.',
    );
  });

  it('keeps every knee label inside the chart, on two lines where one would not fit', () => {
    const s = sweep('refined');
    const knees = kneeMarks(s);
    const xMax = s.range[1] * 1.02;
    // Where a line ends up in pixels, at the same 9.2 px a character the layout assumes.
    const extent = (line: ReturnType<typeof kneeLines>[number], width: number) => {
      const x = 64 + (line.load / xMax) * (width - 64 - 44) + line.dx;
      const size = line.text.length * 9.2 * (line.fontSize / 15);
      return line.anchor === 'start' ? [x, x + size] : [x - size, x];
    };
    // A phone's column, the stage's chart and the essay's.
    for (const width of [300, 608, 648, 800]) {
      const lines = kneeLines(knees, { width, left: 64, right: 44, xMax });
      expect(lines.map((l) => l.row)).toEqual(lines.map((_, i) => i));
      for (const line of lines) {
        const [from, to] = extent(line, width);
        expect(from, `${line.text} at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(to, `${line.text} at ${width} px`).toBeLessThanOrEqual(width);
      }
      // Every word of each knee's label is still there, in order.
      expect(
        knees.map((k) =>
          lines
            .filter((l) => l.label === k.label)
            .map((l) => l.text)
            .join(' '),
        ),
      ).toEqual(knees.map((k) => k.text));
    }
    // Wide enough, one line a knee; on a phone, two.
    expect(kneeLines(knees, { width: 800, left: 64, right: 44, xMax })).toHaveLength(2);
    expect(kneeLines(knees, { width: 300, left: 64, right: 44, xMax })).toHaveLength(4);
    // The margin holds every line and a gap above the frame for the top tick's label.
    const [narrow] = loadSweepPlots(s, { width: 300 });
    expect(narrow.marginTop).toBeGreaterThanOrEqual(4 * 22);
  });

  it("draws each point's seeds as a band, and says where they disagree", () => {
    const refined = sweep('refined');
    const [latency] = loadSweepPlots(refined, { width: 800 });
    const bands = (latency.marks ?? []).filter(
      (m) => (m as { ariaLabel?: string }).ariaLabel === 'area',
    );
    expect(bands).toHaveLength(2);
    // The chart reaches the highest seed's p99, not only the middle run's.
    expect((latency.y as { domain: number[] }).domain[1]).toBeGreaterThanOrEqual(900);
    expect(latencyTitle(refined)).toContain('each the middle of 3 seeds, the band their range');
    expect(describeSweep(refined)).toContain(
      'At 1,700 req/s its 3 seeds disagree, p99 from 150 ms to 900 ms: this close to saturation a short run either drains its queue or tips over.',
    );
    expect(widestDisagreement(refined.cuts[0] as CutSweep)?.load).toBe(3400);
    // One seed a load: no band, nothing to say about seeds.
    const coarse = sweep('coarse');
    const [first] = loadSweepPlots(coarse, { width: 800 });
    expect(
      (first.marks ?? []).filter((m) => (m as { ariaLabel?: string }).ariaLabel === 'area'),
    ).toHaveLength(0);
    expect(latencyTitle(coarse)).not.toContain('seeds');
    expect(describeSweep(coarse)).not.toContain('disagree');
  });
});
