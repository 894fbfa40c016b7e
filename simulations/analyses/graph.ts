/**
 * Walks over the call graph of a `Model`: which components an operation needs synchronously,
 * who calls whom, who queries what. The parser guarantees there is no synchronous call cycle,
 * so plain recursion with memoisation terminates.
 */
import type { Model, Operation, Step } from '../model/types.ts';

/** `service.operation`, the key operations are known by across the analyses. */
export function operationKey(service: string, operation: string): string {
  return `${service}.${operation}`;
}

export function findOperation(model: Model, service: string, operation: string): Operation {
  const op = model.services[service]?.operations[operation];
  if (op === undefined) throw new Error(`unknown operation "${operationKey(service, operation)}"`);
  return op;
}

/** Calls every step below `steps` (nested parallel children included) with its optionality. */
export function forEachStep(
  steps: readonly Step[],
  visit: (step: Step, underOptional: boolean) => void,
  underOptional = false,
): void {
  for (const step of steps) {
    const optional = underOptional || step.optional;
    visit(step, optional);
    if (step.kind === 'parallel') forEachStep(step.steps, visit, optional);
  }
}

/**
 * Components (services, datastores) an operation cannot succeed without: its own service and,
 * recursively, everything reached through non-optional calls and queries. Publishing is
 * asynchronous and optional steps degrade gracefully, so neither adds a dependency.
 */
export function hardDependencies(
  model: Model,
  service: string,
  operation: string,
  memo: Map<string, ReadonlySet<string>> = new Map(),
): ReadonlySet<string> {
  const key = operationKey(service, operation);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const deps = new Set<string>([service]);
  forEachStep(findOperation(model, service, operation).steps, (step, optional) => {
    if (optional) return;
    if (step.kind === 'query') deps.add(step.datastore);
    if (step.kind === 'call') {
      for (const d of hardDependencies(model, step.service, step.operation, memo)) deps.add(d);
    }
  });
  memo.set(key, deps);
  return deps;
}

/** Services other than the operation's own that call it anywhere (optional calls included). */
export function callersOf(model: Model, service: string, operation: string): Set<string> {
  const callers = new Set<string>();
  for (const s of Object.values(model.services)) {
    if (s.name === service) continue;
    for (const op of Object.values(s.operations)) {
      forEachStep(op.steps, (step) => {
        if (step.kind === 'call' && step.service === service && step.operation === operation) {
          callers.add(s.name);
        }
      });
    }
  }
  return callers;
}

/** Services that query a datastore anywhere (optional queries included). */
export function queriersOf(model: Model, datastore: string): Set<string> {
  const queriers = new Set<string>();
  for (const s of Object.values(model.services)) {
    for (const op of Object.values(s.operations)) {
      forEachStep(op.steps, (step) => {
        if (step.kind === 'query' && step.datastore === datastore) queriers.add(s.name);
      });
    }
  }
  return queriers;
}

/** Services that list a library. */
export function usersOf(model: Model, library: string): Set<string> {
  return new Set(
    Object.values(model.services)
      .filter((s) => s.libraries.includes(library))
      .map((s) => s.name),
  );
}

/** Whether any operation publishes, so the bus is part of the running system. */
export function usesBus(model: Model): boolean {
  if (Object.keys(model.events).length > 0) return true;
  let found = false;
  for (const s of Object.values(model.services)) {
    for (const op of Object.values(s.operations)) {
      forEachStep(op.steps, (step) => {
        if (step.kind === 'publish') found = true;
      });
    }
  }
  return found;
}

/** Sorted copy, so every list in a report is stable. */
export function sorted(names: Iterable<string>): string[] {
  return [...names].sort();
}
