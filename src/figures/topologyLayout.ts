/**
 * Lays a topology graph out with ELK's layered algorithm. It runs at build time (in the Astro
 * component), so pages ship the coordinates, not the 1.5 MB layout engine. Endpoints sit on the
 * left, calls flow right, datastores and the bus end up last.
 */

import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type {
  TopologyEdge,
  TopologyGraph,
  TopologyNode,
} from '../../simulations/scenarios/topologyGraph.ts';
import { type LabelBox, placeEdgeLabels } from './edgeLabels.ts';

export interface PlacedNode extends TopologyNode {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedEdge extends TopologyEdge {
  /** Polyline from source to target. */
  readonly points: readonly (readonly [number, number])[];
  /** Its calls-per-request label, clear of every node (calls and queries only). */
  readonly label?: LabelBox;
}

export interface TopologyLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly failsWith: TopologyGraph['failsWith'];
}

const NODE_HEIGHT = 34;
/** Approximate width of one character of the 13px label font. */
const CHAR_WIDTH = 7.6;

/** An edge's label: expected calls per user request, "0.8×" or "12×". */
function callsLabel(perRequest: number): string {
  return `${perRequest >= 10 ? perRequest.toFixed(0) : perRequest.toFixed(1)}×`;
}

export async function layoutTopology(graph: TopologyGraph): Promise<TopologyLayout> {
  const elk = new ELK();
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '14',
      'elk.edgeRouting': 'SPLINES',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
      'elk.randomSeed': '1',
    },
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: Math.round(node.name.length * CHAR_WIDTH + 28),
      height: NODE_HEIGHT,
    })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.from], targets: [edge.to] })),
  };
  const laid: ElkNode = await elk.layout(input);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes: PlacedNode[] = (laid.children ?? []).map((child) => {
    const node = byId.get(child.id);
    if (!node) throw new Error(`layout returned unknown node ${child.id}`);
    return {
      ...node,
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    };
  });
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const routed: PlacedEdge[] = (laid.edges ?? []).flatMap((laidEdge) => {
    const edge = edgeById.get(laidEdge.id);
    const section = 'sections' in laidEdge ? laidEdge.sections?.[0] : undefined;
    if (!edge || !section) return [];
    const points: [number, number][] = [
      [section.startPoint.x, section.startPoint.y],
      ...(section.bendPoints ?? []).map((p): [number, number] => [p.x, p.y]),
      [section.endPoint.x, section.endPoint.y],
    ];
    return [{ ...edge, points }];
  });
  // Calls and queries carry their calls per request; the bus's edges do not.
  const labels = placeEdgeLabels(
    routed.map((e) => ({
      points: e.points,
      text: e.kind === 'call' || e.kind === 'query' ? callsLabel(e.perRequest) : null,
    })),
    nodes,
    { x: 0, y: 0, width: laid.width ?? 0, height: laid.height ?? 0 },
  );
  const edges = routed.map((e, i) => {
    const label = labels[i];
    return label ? { ...e, label } : e;
  });
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    nodes,
    edges,
    failsWith: graph.failsWith,
  };
}
