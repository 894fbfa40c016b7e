import { describe, expect, it } from 'vitest';
import { analyse } from '../analyses/index.ts';
import { shopModel } from '../presets/shop/index.ts';
import { withExpandContract } from './expandContract.ts';

describe('withExpandContract', () => {
  it('turns the shared database and every called operation into sequences, not groups', () => {
    const model = withExpandContract(shopModel({ cut: 'distributed-monolith' }));
    const changes = analyse(model).deploy.changes;
    const shopDb = changes.filter((c) => c.target === 'shop-db');
    expect(shopDb).toHaveLength(1);
    expect(shopDb[0]).toMatchObject({ path: 'expand-contract', lockstep: ['orders'] });
    // orders expands first and contracts last; the six other queriers move over in between.
    expect(shopDb[0]?.sequence[0]).toBe('orders');
    expect(shopDb[0]?.sequence.at(-1)).toBe('orders');
    expect(shopDb[0]?.sequence).toHaveLength(8);
    const priceLine = changes.find((c) => c.target === 'pricing.price-line');
    expect(priceLine?.path).toBe('expand-contract');
    expect(priceLine?.lockstep).toEqual(['pricing']);
  });

  it('cannot help a shared model library: it stays one lockstep group of every service', () => {
    const deploy = analyse(withExpandContract(shopModel({ cut: 'distributed-monolith' }))).deploy;
    expect(deploy.largestLockstep).toBe(10);
    const lockstep = deploy.changes.filter((c) => c.path === 'lockstep');
    expect(new Set(lockstep.map((c) => c.target))).toEqual(new Set(['shop-models']));
  });

  it('leaves microservices without a lockstep group of two or more', () => {
    const deploy = analyse(withExpandContract(shopModel({ cut: 'microservices' }))).deploy;
    expect(deploy.largestLockstep).toBe(1);
  });

  it('keeps what the document says about a target', () => {
    const base = shopModel({ cut: 'distributed-monolith' });
    const own = {
      ...base,
      changes: [{ target: 'shop-db', targetKind: 'datastore', breaking: true } as const],
    };
    const changes = withExpandContract(own).changes.filter((c) => c.target === 'shop-db');
    expect(changes).toEqual([{ target: 'shop-db', targetKind: 'datastore', breaking: true }]);
  });
});
