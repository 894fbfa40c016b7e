/**
 * Size limits checked before the schema runs, so that a hostile document cannot make validation
 * or simulation slow: counts of services, operations, steps and other named entries.
 */
import { LIMITS } from './defaults.ts';
import { formatNumber } from './describeValue.ts';
import type { Diagnostic } from './diagnostics.ts';
import { diagnosticFor, type Source } from './yamlSource.ts';

const SECTIONS = ['teams', 'libraries', 'datastores', 'events', 'endpoints'] as const;

/** Diagnostics for every section over its limit (empty when the document is within bounds). */
export function checkLimits(data: unknown, source: Source): Diagnostic[] {
  if (!isObject(data)) return [];
  const errors: Diagnostic[] = [];
  const over = (path: string[], what: string, found: number, max: number) =>
    errors.push(
      diagnosticFor(
        source,
        path,
        `${path.join('.')}: too many ${what}: found ${formatNumber(found)}; expected at most ${formatNumber(max)}`,
      ),
    );
  const services = data.services;
  if (isObject(services)) {
    const names = Object.keys(services);
    if (names.length > LIMITS.services)
      over(['services'], 'services', names.length, LIMITS.services);
    let operations = 0;
    let steps = 0;
    for (const service of Object.values(services)) {
      if (!isObject(service) || !isObject(service.operations)) continue;
      for (const op of Object.values(service.operations)) {
        operations++;
        if (isObject(op)) steps += countSteps(op.steps);
      }
    }
    if (operations > LIMITS.operations)
      over(['services'], 'operations', operations, LIMITS.operations);
    if (steps > LIMITS.steps) over(['services'], 'steps', steps, LIMITS.steps);
  }
  for (const section of SECTIONS) {
    const value = data[section];
    if (isObject(value) && Object.keys(value).length > LIMITS.entries) {
      over([section], section, Object.keys(value).length, LIMITS.entries);
    }
  }
  return errors;
}

/** Steps in a list, nested `parallel` steps included; iterative, since nesting is hostile input. */
function countSteps(steps: unknown): number {
  let count = 0;
  const stack: unknown[] = [steps];
  while (stack.length > 0) {
    const list = stack.pop();
    if (!Array.isArray(list)) continue;
    for (const step of list) {
      count++;
      if (isObject(step)) stack.push(step.parallel);
    }
  }
  return count;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
