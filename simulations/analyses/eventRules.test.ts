import { describe, expect, it } from 'vitest';
import type { EventDef } from '../model/types.ts';
import { checkEventChange, nextVersionName } from './eventRules.ts';

function orderPlaced(
  consumer: { ignoresUnknownFields?: boolean; usesDefaults?: boolean } = {},
): EventDef {
  return {
    name: 'order-placed',
    publisher: 'orders',
    consumers: [
      {
        service: 'shipping',
        operation: 'schedule',
        ignoresUnknownFields: consumer.ignoresUnknownFields ?? true,
        usesDefaults: consumer.usesDefaults ?? true,
        idempotent: false,
      },
      {
        service: 'email',
        operation: 'receipt',
        ignoresUnknownFields: true,
        usesDefaults: true,
        idempotent: false,
      },
    ],
    fields: {
      orderId: { type: 'string', required: true },
      total: { type: 'number', required: true },
      coupon: { type: 'string', required: false, default: '' },
    },
    slo: 60_000,
  };
}

const optionalGiftWrap = {
  giftWrap: { type: 'boolean', required: false, default: false },
} as const;

describe('checkEventChange', () => {
  it('rule 1 holds when the added field is optional', () => {
    const check = checkEventChange(orderPlaced(), { add: optionalGiftWrap });
    expect(check.rules[0].holds).toBe(true);
    expect(check.breaking).toBe(false);
    expect(check.rules[3]).toMatchObject({ rule: 4, holds: true });
  });

  it('rule 1 breaks on a new required field and suggests making it optional with a default', () => {
    const check = checkEventChange(orderPlaced(), {
      add: { giftWrap: { type: 'boolean', required: true } },
    });
    expect(check.rules[0].holds).toBe(false);
    expect(check.rules[0].reason).toContain('`giftWrap`');
    expect(check.rules[0].alternative).toBe('Make `giftWrap` optional with default false.');
    expect(check.breaking).toBe(true);
  });

  it('rule 1 breaks when an optional field becomes required', () => {
    const check = checkEventChange(orderPlaced(), {
      add: { coupon: { type: 'string', required: true } },
    });
    expect(check.rules[0].holds).toBe(false);
    expect(check.rules[0].alternative).toContain('default ""');
  });

  it('rule 2 holds when every consumer ignores unknown fields', () => {
    const check = checkEventChange(orderPlaced(), { add: optionalGiftWrap });
    expect(check.rules[1].holds).toBe(true);
    expect(check.rules[1].reason).toContain('`shipping.schedule`');
  });

  it('rule 2 breaks when a consumer rejects unknown fields, naming it', () => {
    const check = checkEventChange(orderPlaced({ ignoresUnknownFields: false }), {
      add: optionalGiftWrap,
    });
    expect(check.rules[1].holds).toBe(false);
    expect(check.rules[1].reason).toBe(
      '`shipping.schedule` rejects unknown fields, so `giftWrap` would fail it.',
    );
    expect(check.rules[1].alternative).toContain('`order-placed.v2`');
    expect(check.breaking).toBe(true);
  });

  it('rule 3 holds when consumers use defaults for a removed optional field', () => {
    const check = checkEventChange(orderPlaced(), { remove: ['coupon'] });
    expect(check.rules[2].holds).toBe(true);
    expect(check.breaking).toBe(false);
  });

  it('rule 3 breaks when a consumer does not use defaults for a removed optional field', () => {
    const check = checkEventChange(orderPlaced({ usesDefaults: false }), { remove: ['coupon'] });
    expect(check.rules[2].holds).toBe(false);
    expect(check.rules[2].reason).toContain('`shipping.schedule` does not use defaults');
    expect(check.breaking).toBe(true);
  });

  it('rule 3 breaks when a required field is removed or a new optional one has no default', () => {
    const removed = checkEventChange(orderPlaced(), { remove: ['total'] });
    expect(removed.rules[2].holds).toBe(false);
    expect(removed.rules[2].alternative).toContain('Keep publishing `total`');
    const noDefault = checkEventChange(orderPlaced(), {
      add: { giftWrap: { type: 'boolean', required: false } },
    });
    expect(noDefault.rules[2].holds).toBe(false);
    expect(noDefault.rules[2].alternative).toBe('Give `giftWrap` a default (e.g. false).');
  });

  it('rule 4 holds when rules 1–3 hold: the event changes in place', () => {
    const check = checkEventChange(orderPlaced(), { add: optionalGiftWrap, remove: ['coupon'] });
    expect(check.rules.map((r) => r.holds)).toEqual([true, true, true, true]);
    expect(check.rules[3].alternative).toBeUndefined();
  });

  it('rule 4 breaks when another rule does, and proposes a new event', () => {
    const check = checkEventChange(orderPlaced({ ignoresUnknownFields: false }), {
      add: { giftWrap: { type: 'boolean', required: true } },
    });
    expect(check.rules[3].holds).toBe(false);
    expect(check.rules[3].reason).toContain('Rules 1 and 2 break');
    expect(check.rules[3].alternative).toBe(
      'Publish `order-placed.v2` alongside `order-placed` until every consumer has moved over.',
    );
    expect(check.summary).toContain('lockstep');
  });

  it('names the next version of an already versioned event', () => {
    expect(nextVersionName('order-placed')).toBe('order-placed.v2');
    expect(nextVersionName('order-placed.v2')).toBe('order-placed.v3');
  });

  it('a rename of a required field breaks rules 1 and 3 and proposes both names side by side', () => {
    const check = checkEventChange(orderPlaced(), { rename: { total: 'amount' } });
    expect(check.rules.map((r) => r.holds)).toEqual([false, true, false, false]);
    expect(check.rules[0].reason).toContain('`amount`');
    expect(check.rules[2].reason).toContain('`total` is required');
    expect(check.rules[2].alternative).toContain('Publish `amount` beside `total`');
    expect(check.rules[2].alternative).not.toContain('Keep publishing `total`');
  });

  it('a rename of an optional field holds when every consumer tolerates it', () => {
    const check = checkEventChange(orderPlaced(), { rename: { coupon: 'voucher' } });
    expect(check.breaking).toBe(false);
    const strict = checkEventChange(orderPlaced({ ignoresUnknownFields: false }), {
      rename: { coupon: 'voucher' },
    });
    expect(strict.rules[1].holds).toBe(false);
  });

  it('a change of type breaks rule 3 even for an optional field, and proposes a new field', () => {
    const check = checkEventChange(orderPlaced(), {
      add: { total: { type: 'string', required: true } },
    });
    expect(check.rules[0].holds).toBe(true); // total was required already
    expect(check.rules[2].holds).toBe(false);
    expect(check.rules[2].reason).toContain('changes from number to string');
    expect(check.rules[2].alternative).toContain('`totalString`');
    const optional = checkEventChange(orderPlaced(), {
      add: { coupon: { type: 'number', required: false, default: 0 } },
    });
    expect(optional.breaking).toBe(true);
  });

  it('a new default for an optional field breaks rule 3: old consumers fill in the old one', () => {
    const check = checkEventChange(orderPlaced(), {
      add: { coupon: { type: 'string', required: false, default: 'NONE' } },
    });
    expect(check.rules.map((r) => r.holds)).toEqual([true, true, false, false]);
    expect(check.rules[2].reason).toContain('from "" to "NONE"');
    // The same default again is no change at all.
    const same = checkEventChange(orderPlaced({ usesDefaults: false }), {
      add: { coupon: { type: 'string', required: false, default: '' } },
    });
    expect(same.breaking).toBe(false);
  });
});
