/** The side-effect, idempotency and supervision fields: read with their defaults, refused where meaningless. */
import { describe, expect, it } from 'vitest';
import { parseTopology } from './parse.ts';
import { errorsOf } from './testing.ts';

const doc = (extra: { app?: string; steps?: string; faults?: string; events?: string }) => `name: t
services:
  app:
${extra.app ?? ''}
    operations:
      home:
        steps:
${extra.steps ?? '          - call: payments.charge'}
      helper: {}
  payments:
    operations:
      charge: { work: 1ms, sideEffect: true }
  db-owner:
    operations:
      x: {}
datastores:
  db: {}
${extra.events ?? ''}
endpoints:
  home: { operation: app.home }
${extra.faults ?? ''}`;

describe('side effects and idempotency keys', () => {
  it('reads sideEffect, idempotencyKey and idempotent consumers, false by default', () => {
    const result = parseTopology(
      doc({
        steps:
          '          - { call: payments.charge, idempotencyKey: true }\n          - publish: done',
        events:
          'events:\n  done:\n    publisher: app\n    consumers: [payments.charge, { operation: db-owner.x, idempotent: true }]',
      }),
    );
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const model = result.model;
    expect(model.services.payments?.operations.charge?.sideEffect).toBe(true);
    expect(model.services.app?.operations.helper?.sideEffect).toBe(false);
    const step = model.services.app?.operations.home?.steps[0];
    expect(step?.kind === 'call' && step.idempotencyKey).toBe(true);
    expect(model.events.done?.consumers.map((c) => c.idempotent)).toEqual([false, true]);
  });

  it('refuses an idempotency key on an in-process call, which is never retried', () => {
    expect(
      errorsOf(doc({ steps: '          - { call: app.helper, idempotencyKey: true }' })),
    ).toEqual([
      expect.stringContaining(
        'steps.0.idempotencyKey: idempotencyKey on an in-process call: app.helper runs in app',
      ),
    ]);
  });

  it('refuses an idempotency key on a query', () => {
    expect(errorsOf(doc({ steps: '          - { query: db, idempotencyKey: true }' }))).toEqual([
      expect.stringContaining(
        'found idempotencyKey on a query step; only call steps take idempotencyKey',
      ),
    ]);
  });
});

describe('crashes and supervisors', () => {
  it('reads crashRate and a supervisor, filling the OTP defaults', () => {
    const result = parseTopology(
      doc({ app: '    crashRate: 0.1%\n    supervisor: { restart: 2s }' }),
    );
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    expect(result.model.services.app).toMatchObject({
      crashRate: 0.001,
      supervisor: { restart: 2000, maxRestarts: 1, within: 5000 },
    });
    expect(result.model.services.payments?.supervisor).toBeUndefined();
  });

  it('a crash fault targets a service, at an instant', () => {
    expect(errorsOf(doc({ faults: 'faults:\n  - { target: db, kind: crash, from: 1s }' }))).toEqual(
      [expect.stringContaining('found a crash fault on "db"; a crash stops a service\'s replicas')],
    );
    expect(
      errorsOf(doc({ faults: 'faults:\n  - { target: app.home, kind: crash, from: 1s }' })),
    ).toEqual([expect.stringContaining('found a crash fault on "app.home"')]);
    expect(
      errorsOf(doc({ faults: 'faults:\n  - { target: app, kind: crash, from: 1s, until: 2s }' })),
    ).toEqual([expect.stringContaining('found until on a crash fault')]);
    const ok = parseTopology(
      doc({ faults: 'faults:\n  - { target: app, kind: crash, from: 1s }' }),
    );
    expect(ok.ok && ok.model.faults[0]).toMatchObject({ kind: 'crash', from: 1000 });
  });
});
