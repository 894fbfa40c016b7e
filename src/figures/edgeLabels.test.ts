import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset, shopPresetNames } from '../../simulations/presets/index.ts';
import { topologyGraph } from '../../simulations/scenarios/topologyGraph.ts';
import { alongRoute, type Box, placeEdgeLabels } from './edgeLabels.ts';
import { layoutTopology } from './topologyLayout.ts';

const clear = (a: Box, b: Box) =>
  a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
const inside = (a: Box, b: Box) =>
  a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
/** The point on the route a label stands on: 4 px under its box, or 4 px over it. */
const anchors = (box: Box) => [box.y + box.height, box.y - 4];

describe('points along a route', () => {
  it('runs from the first point to the last, along straight pieces and along cubic curves', () => {
    const line = alongRoute([
      [0, 0],
      [100, 0],
      [100, 50],
    ]);
    expect(line[0]).toEqual([0, 0]);
    expect(line.at(-1)).toEqual([100, 50]);
    for (const [x, y] of line) expect(y === 0 || x === 100).toBe(true);
    const curve = alongRoute([
      [0, 0],
      [30, 0],
      [70, 40],
      [100, 40],
    ]);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve.at(-1)).toEqual([100, 40]);
    // A cubic between its control points' hull: x and y only grow along this one.
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]?.[0]).toBeGreaterThanOrEqual(curve[i - 1]?.[0] ?? 0);
      expect(curve[i]?.[1]).toBeGreaterThanOrEqual(curve[i - 1]?.[1] ?? 0);
    }
  });
});

describe('placing edge labels', () => {
  const bounds = { x: 0, y: 0, width: 400, height: 200 };

  it('moves a label off a node that covers the middle of its edge, staying on the edge', () => {
    const node = { x: 80, y: 30, width: 40, height: 40 };
    const [label] = placeEdgeLabels(
      [
        {
          points: [
            [0, 50],
            [200, 50],
          ],
          text: '0.3×',
        },
      ],
      [node],
      bounds,
    );
    expect(label).not.toBeNull();
    if (!label) return;
    expect(clear(label, node)).toBe(true);
    expect(anchors(label)).toContain(50);
    // As near the middle as it can be: just past the node, not at an end.
    const centre = label.x + label.width / 2;
    expect(Math.min(Math.abs(centre - 40), Math.abs(centre - 160))).toBeLessThan(45);
  });

  it('keeps the labels of two close parallel edges apart, and leaves bus edges unlabelled', () => {
    const labels = placeEdgeLabels(
      [
        {
          points: [
            [0, 100],
            [300, 100],
          ],
          text: '0.8×',
        },
        {
          points: [
            [0, 106],
            [300, 106],
          ],
          text: '0.8×',
        },
        {
          points: [
            [0, 150],
            [300, 150],
          ],
          text: null,
        },
      ],
      [],
      bounds,
    );
    const [a, b, none] = labels;
    expect(none).toBeNull();
    expect(a && b && clear(a, b)).toBe(true);
  });

  it('keeps a label inside the drawing: an edge along its top edge gets its label underneath', () => {
    const [label] = placeEdgeLabels(
      [
        {
          points: [
            [0, 4],
            [300, 4],
          ],
          text: '1.0×',
        },
      ],
      [],
      bounds,
    );
    expect(label && inside(label, bounds)).toBe(true);
    expect(label?.y).toBe(8);
  });

  it.each(shopPresetNames)(
    'the %s shop: every label clear of every node and of every other label, inside the drawing',
    async (name) => {
      const parsed = parseTopology(loadPreset(name), { file: name });
      if (!parsed.ok) throw new Error(`${name} is invalid`);
      const layout = await layoutTopology(topologyGraph(parsed.model));
      const labels = layout.edges.flatMap((e) => (e.label ? [e.label] : []));
      const calls = layout.edges.filter((e) => e.kind === 'call' || e.kind === 'query');
      expect(labels).toHaveLength(calls.length);
      const drawing = { x: 0, y: 0, width: layout.width, height: layout.height };
      for (const [i, label] of labels.entries()) {
        expect(inside(label, drawing), `${label.text} inside`).toBe(true);
        for (const node of layout.nodes)
          expect(clear(label, node), `${label.text} clear of ${node.name}`).toBe(true);
        for (const other of labels.slice(i + 1))
          expect(clear(label, other), `${label.text} clear of ${other.text}`).toBe(true);
      }
    },
  );
});
