/**
 * Where each edge's calls-per-request label goes in a topology diagram: on its own curve, as near
 * the middle of the curve as it can be without covering a node or another label. The midpoint of
 * an edge's two ends, where the labels used to go, can lie anywhere for a curved edge that
 * crosses the diagram: on the shop, three labels sat under other services' boxes.
 *
 * Pure and deterministic: the layout runs at build time (and in the sandbox), so the same graph
 * always puts its labels in the same places.
 */

export type Point = readonly [number, number];

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A label's text box: its text is centred on `x + width / 2`, baseline at `y + height - 4`. */
export interface LabelBox extends Box {
  readonly text: string;
}

/** Room for one character and a line of the largest size labels are drawn at (14 px, on stage). */
const CHAR_WIDTH = 8.4;
const LINE_HEIGHT = 16;
/** The label's baseline sits this far above its point on the curve. */
const ABOVE = 4;
/** Space kept clear around nodes and other labels. */
const MARGIN = 2;
/** Points sampled along each cubic segment (or each straight piece). */
const SAMPLES = 24;

/**
 * Points along the route: ELK's spline routes are a start point and then cubic Bézier control
 * points in threes; anything else is a polyline.
 */
export function alongRoute(points: readonly Point[]): Point[] {
  const [start, ...rest] = points;
  if (!start) return [];
  const out: Point[] = [start];
  if (rest.length > 0 && rest.length % 3 === 0) {
    let from = start;
    for (let i = 0; i < rest.length; i += 3) {
      const [c1, c2, to] = [rest[i], rest[i + 1], rest[i + 2]] as [Point, Point, Point];
      for (let s = 1; s <= SAMPLES; s++) out.push(cubic(from, c1, c2, to, s / SAMPLES));
      from = to;
    }
    return out;
  }
  let from = start;
  for (const to of rest) {
    for (let s = 1; s <= SAMPLES; s++) {
      const t = s / SAMPLES;
      out.push([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t]);
    }
    from = to;
  }
  return out;
}

function cubic(a: Point, b: Point, c: Point, d: Point, t: number): Point {
  const u = 1 - t;
  const w0 = u * u * u;
  const w1 = 3 * u * u * t;
  const w2 = 3 * u * t * t;
  const w3 = t * t * t;
  return [
    w0 * a[0] + w1 * b[0] + w2 * c[0] + w3 * d[0],
    w0 * a[1] + w1 * b[1] + w2 * c[1] + w3 * d[1],
  ];
}

/**
 * The label box for `text` over the point `p` (its baseline `ABOVE` px above it), or under it
 * (its top `ABOVE` px below).
 */
function boxAt(text: string, p: Point, under = false): LabelBox {
  const width = Math.ceil(text.length * CHAR_WIDTH);
  if (under) return { text, x: p[0] - width / 2, y: p[1] + ABOVE, width, height: LINE_HEIGHT };
  return {
    text,
    x: p[0] - width / 2,
    y: p[1] - ABOVE - LINE_HEIGHT + 4,
    width,
    height: LINE_HEIGHT,
  };
}

/** The area two boxes share when `margin` is added to their extent: 0 when they keep clear. */
function overlap(a: Box, b: Box, margin = MARGIN): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) + margin;
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) + margin;
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places one label per route (`null` where a route has no label), in order: each goes over (or
 * else under) the point of its route nearest the route's middle, by distance along it, where its
 * box covers no node and no label placed before it and stays inside `bounds`; where no such point
 * exists, to the one where it covers the least.
 */
export function placeEdgeLabels(
  routes: readonly { readonly points: readonly Point[]; readonly text: string | null }[],
  nodes: readonly Box[],
  bounds: Box,
): (LabelBox | null)[] {
  const placed: LabelBox[] = [];
  return routes.map(({ points, text }) => {
    if (text === null) return null;
    const along = alongRoute(points);
    if (along.length === 0) return null;
    // Distance along the route of each sample, to order candidates from the middle outwards.
    const at = [0];
    for (let i = 1; i < along.length; i++) {
      const [x0, y0] = along[i - 1] as Point;
      const [x1, y1] = along[i] as Point;
      at.push((at[i - 1] as number) + Math.hypot(x1 - x0, y1 - y0));
    }
    const half = (at.at(-1) ?? 0) / 2;
    const order = along
      .map((_, i) => i)
      .sort(
        (i, j) => Math.abs((at[i] as number) - half) - Math.abs((at[j] as number) - half) || i - j,
      );
    const covered = (box: LabelBox) => {
      // Outside the drawing it would be cut off: that counts as covered too.
      let area = box.width * box.height - overlap(box, bounds, 0);
      for (const n of nodes) area += overlap(box, n);
      for (const l of placed) area += overlap(box, l);
      return area;
    };
    let best = boxAt(text, along[order[0] as number] as Point);
    let least = covered(best);
    for (const i of order) {
      if (least === 0) break;
      for (const under of [false, true]) {
        const box = boxAt(text, along[i] as Point, under);
        const area = covered(box);
        if (area < least) {
          best = box;
          least = area;
        }
        if (least === 0) break;
      }
    }
    placed.push(best);
    return best;
  });
}
