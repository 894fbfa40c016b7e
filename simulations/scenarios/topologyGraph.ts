/**
 * The topology as a diagram sees it: endpoints, services, datastores and the bus, the calls
 * between them with the expected number per user request, and for each component what fails
 * with it. Figures lay this out and draw it; the numbers come from here, not from the UI.
 */
import { forEachStep, hardDependencies } from '../analyses/graph.ts';
import type { Model, Operation } from '../model/types.ts';

export type NodeKind = 'endpoint' | 'service' | 'datastore' | 'bus';
export type EdgeKind = 'request' | 'call' | 'query' | 'publish' | 'consume';

export interface TopologyNode {
  /** `endpoint:checkout`, `service:orders`, `datastore:shop-db`, `bus`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The component's name as the document writes it. */
  readonly name: string;
  readonly team?: string;
}

export interface TopologyEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** Expected traversals per user request (times × fan-out × traffic share; no retries). */
  readonly perRequest: number;
  /** Every step behind this edge is optional (its failure degrades, not fails, the caller). */
  readonly optional: boolean;
}

export interface TopologyGraph {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** Node id → ids of the endpoints and services that fail with it (it included). */
  readonly failsWith: Readonly<Record<string, readonly string[]>>;
}

/** Publish chains may loop (an event's consumer publishes again); stop following them here. */
const MAX_ASYNC_DEPTH = 8;

export function nodeId(kind: NodeKind, name: string): string {
  return kind === 'bus' ? 'bus' : `${kind}:${name}`;
}

export function topologyGraph(model: Model): TopologyGraph {
  const nodes: TopologyNode[] = [];
  const edges = new Map<
    string,
    { from: string; to: string; kind: EdgeKind; perRequest: number; optional: boolean }
  >();
  let usesBus = false;

  const addEdge = (from: string, to: string, kind: EdgeKind, amount: number, optional: boolean) => {
    const id = `${from}->${to}`;
    const edge = edges.get(id);
    if (edge) {
      edge.perRequest += amount;
      edge.optional &&= optional;
    } else {
      edges.set(id, { from, to, kind, perRequest: amount, optional });
    }
  };

  const walk = (operation: Operation, amount: number, optional: boolean, asyncDepth: number) => {
    const from = nodeId('service', operation.service);
    forEachStep(operation.steps, (step, underOptional) => {
      const opt = optional || underOptional;
      if (step.kind === 'call') {
        const copies = amount * step.times * step.fanout;
        const callee = model.services[step.service]?.operations[step.operation];
        if (step.service !== operation.service) {
          addEdge(from, nodeId('service', step.service), 'call', copies, opt);
        }
        if (callee) walk(callee, copies, opt, asyncDepth);
      } else if (step.kind === 'query') {
        addEdge(
          from,
          nodeId('datastore', step.datastore),
          'query',
          amount * step.times * step.fanout,
          opt,
        );
      } else if (step.kind === 'publish') {
        usesBus = true;
        const published = amount * step.times;
        addEdge(from, 'bus', 'publish', published, opt);
        if (asyncDepth >= MAX_ASYNC_DEPTH) return;
        for (const consumer of model.events[step.event]?.consumers ?? []) {
          addEdge('bus', nodeId('service', consumer.service), 'consume', published, opt);
          const op = model.services[consumer.service]?.operations[consumer.operation];
          if (op) walk(op, published, opt, asyncDepth + 1);
        }
      }
    });
  };

  for (const endpoint of Object.values(model.endpoints)) {
    const id = nodeId('endpoint', endpoint.name);
    nodes.push({ id, kind: 'endpoint', name: endpoint.name });
    addEdge(id, nodeId('service', endpoint.service), 'request', endpoint.weight, false);
    const operation = model.services[endpoint.service]?.operations[endpoint.operation];
    if (operation) walk(operation, endpoint.weight, false, 0);
  }
  for (const service of Object.values(model.services)) {
    nodes.push({
      id: nodeId('service', service.name),
      kind: 'service',
      name: service.name,
      ...(service.team ? { team: service.team } : {}),
    });
  }
  for (const datastore of Object.values(model.datastores)) {
    nodes.push({
      id: nodeId('datastore', datastore.name),
      kind: 'datastore',
      name: datastore.name,
    });
  }
  if (usesBus) nodes.push({ id: 'bus', kind: 'bus', name: 'bus' });

  return {
    nodes,
    edges: [...edges.entries()].map(([id, e]) => ({ id, ...e })),
    failsWith: failsWith(model, nodes),
  };
}

/** For each component, the endpoints and services with an operation that cannot work without it. */
function failsWith(model: Model, nodes: readonly TopologyNode[]): Record<string, string[]> {
  const memo = new Map<string, ReadonlySet<string>>();
  const needs = new Map<string, Set<string>>();
  const note = (who: string, deps: ReadonlySet<string>) => {
    for (const dep of deps) {
      const key = model.services[dep] ? nodeId('service', dep) : nodeId('datastore', dep);
      const set = needs.get(key) ?? new Set<string>();
      needs.set(key, set);
      set.add(who);
    }
  };
  for (const endpoint of Object.values(model.endpoints)) {
    note(
      nodeId('endpoint', endpoint.name),
      hardDependencies(model, endpoint.service, endpoint.operation, memo),
    );
  }
  for (const service of Object.values(model.services)) {
    for (const operation of Object.values(service.operations)) {
      note(
        nodeId('service', service.name),
        hardDependencies(model, service.name, operation.name, memo),
      );
    }
  }
  const result: Record<string, string[]> = {};
  for (const node of nodes) {
    if (node.kind === 'endpoint') continue;
    result[node.id] = [...(needs.get(node.id) ?? [])].sort();
    if (!result[node.id]?.includes(node.id)) result[node.id]?.unshift(node.id);
  }
  return result;
}
