import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, call } from './analyses/testing/modelBuilder.ts';
import { simulateWithAnalyses } from './withAnalyses.ts';

const model = buildModel({
  services: {
    gateway: { operations: { product: [call('inventory.stock')] } },
    inventory: { operations: { stock: [] } },
  },
  endpoints: { product: ['gateway.product', 1] },
});

describe('the report composed with the analyses', () => {
  it('carries the static analyses, and the simulated blast radius when asked', async () => {
    const plain = await simulateWithAnalyses(model, { requests: 300 });
    expect(plain.blastRadius?.inventory?.share).toBe(1);
    expect(plain.scorecard).toBeDefined();
    expect(plain.simulatedBlastRadius).toBeUndefined();
    const full = await simulateWithAnalyses(model, {
      requests: 300,
      blastRadius: { requests: 300 },
    });
    expect(full.simulatedBlastRadius?.components.inventory?.hang.share).toBe(1);
    expect(full.simulatedBlastRadius?.runs).toBe(1 + 2 * 3);
  });

  it('the analyses (tests apart) never import the report builder or this composition', () => {
    const dir = join(import.meta.dirname, 'analyses');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) =>
        /from '\.\.\/(report\/buildReport|withAnalyses)\.ts'/.test(
          readFileSync(join(dir, f), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
