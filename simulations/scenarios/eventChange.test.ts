import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import type { Model } from '../model/types.ts';
import { type EventChangeProposal, eventChoices, exploreEventChange } from './eventChange.ts';

/** The choreographed order workflow: four events in a chain, consumers of mixed tolerance. */
function shop(): Model {
  const file = join(import.meta.dirname, '../presets/order-choreographed.yaml');
  const result = parseTopology(readFileSync(file, 'utf8'), { file });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

function explore(proposal: EventChangeProposal) {
  const outcome = exploreEventChange(shop(), proposal);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.answer;
}

describe('exploreEventChange', () => {
  it('lists every event with its fields and consumers', () => {
    const choices = eventChoices(shop());
    expect(choices.map((c) => c.name)).toEqual([
      'order-placed',
      'stock-reserved',
      'payment-taken',
      'shipment-booked',
    ]);
    expect(choices[3]?.consumers).toEqual([
      { key: 'notifications.send-receipt', ignoresUnknownFields: false, usesDefaults: true },
    ]);
  });

  it('an optional field with a default ships with the publisher alone', () => {
    const answer = explore({
      event: 'order-placed',
      kind: 'add-optional',
      name: 'giftWrap',
      type: 'boolean',
    });
    expect(answer.check.breaking).toBe(false);
    expect(answer.inPlace.path).toBe('alone');
    expect(answer.inPlace.lockstep).toEqual(['orders']);
    expect(answer.newVersion).toBeUndefined();
  });

  it('a required field locks publisher and consumer together, and a new version frees them', () => {
    const answer = explore({
      event: 'order-placed',
      kind: 'add-required',
      name: 'giftWrap',
      type: 'boolean',
    });
    expect(answer.check.rules[0].holds).toBe(false);
    expect(answer.inPlace.path).toBe('lockstep');
    expect(answer.inPlace.lockstep).toEqual(['inventory', 'orders']);
    expect(answer.inPlace.teams).toEqual(['checkout', 'fulfilment']);
    expect(answer.newVersion?.path).toBe('new-version');
    expect(answer.newVersion?.lockstep).toEqual(['orders']);
    expect(answer.newVersion?.sequence).toEqual(['orders', 'inventory', 'orders']);
    expect(answer.newVersion?.reason).toContain('order-placed.v2');
  });

  it('a strict consumer turns even an optional field into a breaking change, until it is tolerant', () => {
    const strict = explore({ event: 'shipment-booked', kind: 'add-optional', name: 'carrier' });
    expect(strict.check.rules[1].holds).toBe(false);
    expect(strict.inPlace.lockstep).toEqual(['notifications', 'shipping']);
    const tolerant = explore({
      event: 'shipment-booked',
      kind: 'add-optional',
      name: 'carrier',
      consumers: {
        'notifications.send-receipt': { ignoresUnknownFields: true, usesDefaults: true },
      },
    });
    expect(tolerant.check.breaking).toBe(false);
    expect(tolerant.inPlace.path).toBe('alone');
  });

  it('rename, retype and a new default break rule 3; removing an optional field does not', () => {
    expect(
      explore({ event: 'order-placed', kind: 'rename', field: 'total', name: 'amount' }).check
        .breaking,
    ).toBe(true);
    expect(
      explore({ event: 'order-placed', kind: 'retype', field: 'total', type: 'string' }).check
        .rules[2].holds,
    ).toBe(false);
    expect(
      explore({ event: 'order-placed', kind: 'change-default', field: 'coupon' }).check.rules[2]
        .holds,
    ).toBe(false);
    expect(explore({ event: 'order-placed', kind: 'remove', field: 'coupon' }).check.breaking).toBe(
      false,
    );
    // shipping does not use defaults, so removing payment-taken's optional currency breaks it.
    expect(
      explore({ event: 'payment-taken', kind: 'remove', field: 'currency' }).check.rules[2].holds,
    ).toBe(false);
  });

  it('says why a proposal cannot apply instead of throwing', () => {
    const model = shop();
    const cases: [EventChangeProposal, RegExp][] = [
      [{ event: 'order-paid', kind: 'remove', field: 'x' }, /no event "order-paid"/],
      [{ event: 'order-placed', kind: 'remove', field: 'nope' }, /has no field "nope"/],
      [
        { event: 'order-placed', kind: 'add-optional', name: 'total' },
        /already has a field "total"/,
      ],
      [{ event: 'order-placed', kind: 'add-optional', name: 'a b' }, /not a field name/],
      [{ event: 'order-placed', kind: 'make-required', field: 'total' }, /required already/],
      [{ event: 'order-placed', kind: 'retype', field: 'total', type: 'number' }, /number already/],
      [{ event: 'order-placed', kind: 'change-default', field: 'total' }, /no default to change/],
    ];
    for (const [proposal, message] of cases) {
      const outcome = exploreEventChange(model, proposal);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.message).toMatch(message);
    }
  });
});
