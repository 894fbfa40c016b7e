import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { topologyGraph } from './topologyGraph.ts';

function model(text: string): Model {
  const result = parseTopology(text, { file: 'graph.yaml' });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

const SHOP = model(`
name: graph
services:
  gateway:
    operations:
      checkout:
        steps:
          - call: orders.create
            times: 3
          - call: recs.list
            optional: true
            fanout: 2
      browse:
        steps: [ { call: recs.list, optional: true } ]
  orders:
    operations:
      create:
        steps:
          - query: db
            times: 2
          - publish: placed
  recs:
    operations:
      list: { steps: [ { query: db } ] }
  email:
    operations:
      send: {}
datastores:
  db: {}
events:
  placed: { publisher: orders, consumers: [email.send] }
endpoints:
  checkout: { operation: gateway.checkout, weight: 25% }
  browse: { operation: gateway.browse, weight: 75% }
`);

describe('topology graph', () => {
  const graph = topologyGraph(SHOP);
  const edge = (id: string) => graph.edges.find((e) => e.id === id);

  it('has a node per endpoint, service and datastore, and the bus when events are published', () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual(
      [
        'bus',
        'datastore:db',
        'endpoint:browse',
        'endpoint:checkout',
        'service:email',
        'service:gateway',
        'service:orders',
        'service:recs',
      ].sort(),
    );
  });

  it('weighs each edge by expected traversals per user request', () => {
    expect(edge('service:gateway->service:orders')?.perRequest).toBeCloseTo(0.25 * 3);
    // checkout: 0.25 × fan-out 2; browse: 0.75 × 1.
    expect(edge('service:gateway->service:recs')?.perRequest).toBeCloseTo(0.5 + 0.75);
    // orders queries twice per create, three creates per checkout; recs once per list.
    expect(edge('service:orders->datastore:db')?.perRequest).toBeCloseTo(0.25 * 3 * 2);
    expect(edge('service:recs->datastore:db')?.perRequest).toBeCloseTo(1.25);
    expect(edge('bus->service:email')?.perRequest).toBeCloseTo(0.75);
    expect(edge('endpoint:browse->service:gateway')?.perRequest).toBeCloseTo(0.75);
  });

  it('marks an edge optional only when every step behind it is', () => {
    expect(edge('service:gateway->service:recs')?.optional).toBe(true);
    expect(edge('service:gateway->service:orders')?.optional).toBe(false);
  });

  it('knows what fails with a component: hard dependencies only, not optional or async ones', () => {
    expect(graph.failsWith['datastore:db']).toEqual([
      'datastore:db',
      'endpoint:checkout',
      'service:gateway',
      'service:orders',
      'service:recs',
    ]);
    expect(graph.failsWith['service:recs']).toEqual(['service:recs']);
    expect(graph.failsWith['service:email']).toEqual(['service:email']);
  });
});
