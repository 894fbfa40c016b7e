import { describe, expect, it } from 'vitest';
import { check } from '../../simulations/analyses/check.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import { loadPreset } from '../../simulations/presets/index.ts';
import { simulateSync } from '../../simulations/simulate.ts';
import { ciCommand, reviewMarkdown } from './reviewMarkdown.ts';

describe('review export', () => {
  it('holds the scorecard, blast radius, lockstep groups, percentiles, the document and the CI command', async () => {
    const text = `${loadPreset('distributed-monolith')}\n# a fence inside: \`\`\`\n`;
    const parsed = parseTopology(text);
    if (!parsed.ok) throw new Error('preset should parse');
    const result = await check(parsed.model, { simulate: false });
    const report = simulateSync(parsed.model, { requests: 1000 });
    const md = reviewMarkdown({ check: result, report, text, file: 'shop.yaml' });
    expect(md).toMatch(/### Lockstep check: /);
    expect(md).toMatch(/\| Verdict \| Symptom \| Value \| Why \|/);
    expect(md).toMatch(/#### Blast radius/i);
    expect(md).toMatch(/#### Lockstep groups/);
    expect(md).toMatch(/\| Endpoint \| Requests \| Availability \| p50 \| p95 \| p99 \| p99\.9 \|/);
    expect(md).toContain(`| **all** | 1,000 |`);
    expect(md).toContain('npm run --silent check -- shop.yaml --fail-on bad');
    // The document's own triple backticks cannot close the fence around it.
    expect(md).toContain('````yaml\n');
    expect(md.trimEnd().endsWith('````')).toBe(true);
  });

  it('quotes a file name the shell would split', () => {
    expect(ciCommand("my design's.yaml")).toBe(
      "npm run --silent check -- 'my design'\\''s.yaml' --fail-on bad",
    );
  });
});
