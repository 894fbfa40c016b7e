/**
 * The document fields the deploy analysis reads, from YAML to verdict: a library released in
 * lockstep, a change's path (`via`) and teams owning modules of one service (a release train).
 */
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { deployCoordination } from './deployCoordination.ts';

const BASE = `
name: Fields
organization: { release: per-team, handoff: 1d }
libraries:
  logging: { kind: code, lockstep: LOCKSTEP }
services:
  shop:
    team: storefront
    libraries: [logging]
    modules:
      catalog: { team: storefront }
      orders: { team: checkout }
    operations:
      browse: { module: catalog, steps: [{ call: stock.level }] }
      order: { module: orders, steps: [{ publish: order-placed }] }
  stock:
    team: fulfilment
    libraries: [logging]
    operations:
      level: {}
      ship: {}
events:
  order-placed: { publisher: shop, consumers: [stock.ship] }
endpoints:
  browse: { operation: shop.browse }
  order: { operation: shop.order }
`;

function parse(text: string): Model {
  const result = parseTopology(text, { file: 'fields.yaml' });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

function errors(text: string): string[] {
  const result = parseTopology(text, { file: 'fields.yaml' });
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('document fields of the deploy analysis', () => {
  it('libraries.NAME.lockstep: a code library is versioned unless declared in lockstep', () => {
    const versioned = deployCoordination(parse(BASE.replace('LOCKSTEP', 'false')));
    const lockstep = deployCoordination(parse(BASE.replace('LOCKSTEP', 'true')));
    expect(versioned.changes.find((c) => c.target === 'logging')?.lockstep).toEqual([]);
    expect(lockstep.changes.find((c) => c.target === 'logging')?.lockstep).toEqual([
      'shop',
      'stock',
    ]);
  });

  it('services.NAME.modules: a service owned by two teams ships as a release train', () => {
    const model = parse(BASE.replace('LOCKSTEP', 'false'));
    expect(model.services.shop?.modules.orders).toEqual({ name: 'orders', team: 'checkout' });
    const browse = deployCoordination(model).changes.find((c) => c.target === 'shop.browse');
    expect(browse?.teams).toEqual(['checkout', 'storefront']);
    expect(browse?.coordinated).toBe(true);
  });

  it('changes[].via picks the path and its lead time', () => {
    const text = `${BASE.replace('LOCKSTEP', 'false')}changes:
  - { target: stock.level, via: expand-contract }
  - { target: order-placed, breaking: true, via: lockstep }
`;
    const { changes } = deployCoordination(parse(text));
    const level = changes.find((c) => c.target === 'stock.level');
    expect(level).toMatchObject({ path: 'expand-contract', sequence: ['stock', 'shop', 'stock'] });
    expect(changes.find((c) => c.target === 'order-placed')?.path).toBe('lockstep');
  });

  it('refuses a path the target cannot take, lockstep on a model, and an unknown module', () => {
    expect(
      errors(
        `${BASE.replace('LOCKSTEP', 'false')}changes: [{ target: logging, via: expand-contract }]\n`,
      ),
    ).toEqual([expect.stringContaining('a library changes via lockstep')]);
    expect(
      errors(BASE.replace('{ kind: code, lockstep: LOCKSTEP }', '{ kind: model, lockstep: true }')),
    ).toEqual([expect.stringContaining('found lockstep on a model library')]);
    expect(
      errors(BASE.replace('LOCKSTEP', 'false').replace('orders: { team', 'order: { team')),
    ).toEqual([expect.stringContaining('unknown module "order"; did you mean "orders"?')]);
  });
});
