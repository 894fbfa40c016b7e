/**
 * Cross-reference checks: every name a document uses must exist, fault and change targets must be
 * unambiguous, and synchronous calls must not form a cycle. They read the raw data defensively,
 * so they report alongside schema errors instead of after them. Also the warnings (unreachable
 * operations, unused datastores, ...).
 */

import { findCallCycles } from './cycles.ts';
import { listNames } from './describeValue.ts';
import type { Diagnostic } from './diagnostics.ts';
import { suggestion } from './didYouMean.ts';
import { entriesOf, field, isRecord, itemsOf, keysOf } from './rawAccess.ts';
import { diagnosticFor, type PathSegment, type Source } from './yamlSource.ts';

/** Errors and warnings of the reference checks. */
export interface ReferenceReport {
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

/** A step that names something, with its place in the document. */
export interface StepRef {
  readonly owner: string;
  readonly kind: 'call' | 'query' | 'publish';
  readonly target: string;
  readonly path: PathSegment[];
  /** The raw step, for option checks. */
  readonly step: unknown;
}

/**
 * Options that only make sense on a remote attempt. An in-process call runs in the caller's own
 * thread: there is no attempt to abandon, repeat or shed, so these would silently do nothing.
 */
const REMOTE_ONLY_OPTIONS = [
  'timeout',
  'retry',
  'breaker',
  'hedge',
  'bulkhead',
  'idempotencyKey',
] as const;

/** Checks every reference in the raw document. */
export function checkReferences(data: unknown, source: Source): ReferenceReport {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const error = (path: PathSegment[], message: string) =>
    errors.push(diagnosticFor(source, path, `${path.join('.')}: ${message}`));
  const warn = (path: PathSegment[], message: string, anchor: 'key' | 'value' = 'value') =>
    warnings.push(
      diagnosticFor(source, path, `${path.join('.')}: ${message}`, { anchor, severity: 'warning' }),
    );

  const services = field(data, 'services');
  const serviceNames = keysOf(services);
  const operations = new Map<string, string[]>();
  for (const [name, service] of entriesOf(services))
    operations.set(name, keysOf(field(service, 'operations')));
  const datastores = keysOf(field(data, 'datastores'));
  const events = keysOf(field(data, 'events'));
  const libraries = keysOf(field(data, 'libraries'));
  const teamsSection = field(data, 'teams');
  const teams = keysOf(teamsSection);

  /** Checks `svc.op`; returns whether it resolves. */
  const checkOperation = (path: PathSegment[], ref: unknown): boolean => {
    if (typeof ref !== 'string' || !ref.includes('.')) return false; // the schema reports the form
    const dot = ref.indexOf('.');
    const service = ref.slice(0, dot);
    const operation = ref.slice(dot + 1);
    const ops = operations.get(service);
    if (!ops) {
      error(
        path,
        `unknown service "${service}" in "${ref}"${suggestion(service, serviceNames)} (services: ${listNames(serviceNames)})`,
      );
      return false;
    }
    if (!ops.includes(operation)) {
      const refs = ops.map((op) => `${service}.${op}`);
      error(
        path,
        `unknown operation "${ref}"${suggestion(ref, refs)} (operations of ${service}: ${listNames(ops)})`,
      );
      return false;
    }
    return true;
  };
  const checkName = (
    path: PathSegment[],
    value: unknown,
    kind: string,
    names: string[],
  ): boolean => {
    if (typeof value !== 'string') return false;
    if (names.includes(value)) return true;
    const plural = kind === 'library' ? 'libraries' : `${kind}s`;
    const known = names.length > 0 ? `${plural}: ${listNames(names)}` : `no ${plural} are declared`;
    error(path, `unknown ${kind} "${value}"${suggestion(value, names)} (${known})`);
    return false;
  };

  // Services: teams, libraries, steps.
  const stepRefs: StepRef[] = [];
  for (const [name, service] of entriesOf(services)) {
    const team = field(service, 'team');
    if (isRecord(teamsSection)) checkName(['services', name, 'team'], team, 'team', teams);
    itemsOf(field(service, 'libraries')).forEach((library, i) => {
      checkName(['services', name, 'libraries', i], library, 'library', libraries);
    });
    checkModules(service, name, isRecord(teamsSection) ? teams : undefined, error);
    for (const [opName, op] of entriesOf(field(service, 'operations'))) {
      collectSteps(
        field(op, 'steps'),
        `${name}.${opName}`,
        ['services', name, 'operations', opName, 'steps'],
        stepRefs,
      );
    }
  }
  const reached = new Set<string>();
  const queried = new Set<string>();
  const published = new Set<string>();
  for (const step of stepRefs) {
    const path = [...step.path, step.kind];
    if (step.kind === 'call') {
      if (checkOperation(path, step.target)) {
        reached.add(step.target);
        const callee = step.target.slice(0, step.target.indexOf('.'));
        const caller = step.owner.slice(0, step.owner.indexOf('.'));
        if (callee === caller) {
          for (const option of REMOTE_ONLY_OPTIONS) {
            if (field(step.step, option) === undefined) continue;
            error(
              [...step.path, option],
              `${option} on an in-process call: ${step.target} runs in ${caller}'s own thread, so it cannot time out, be retried or be shed by a breaker; remove ${option}, or move the operation to another service to make the call remote`,
            );
          }
        }
      }
    } else if (step.kind === 'query') {
      if (checkName(path, step.target, 'datastore', datastores)) queried.add(step.target);
    } else if (checkName(path, step.target, 'event', events)) {
      published.add(step.target);
      const publisher = field(field(field(data, 'events'), step.target), 'publisher');
      const owner = step.owner.slice(0, step.owner.indexOf('.'));
      if (typeof publisher === 'string' && publisher !== owner) {
        warn(path, `${step.owner} publishes "${step.target}", whose publisher is ${publisher}`);
      }
    }
  }

  for (const [name, store] of entriesOf(field(data, 'datastores'))) {
    const owner = field(store, 'owner');
    if (owner !== undefined)
      checkName(['datastores', name, 'owner'], owner, 'service', serviceNames);
  }

  for (const [name, event] of entriesOf(field(data, 'events'))) {
    checkName(['events', name, 'publisher'], field(event, 'publisher'), 'service', serviceNames);
    itemsOf(field(event, 'consumers')).forEach((consumer, i) => {
      const isObject = isRecord(consumer);
      const ref = isObject ? field(consumer, 'operation') : consumer;
      const path: PathSegment[] = isObject
        ? ['events', name, 'consumers', i, 'operation']
        : ['events', name, 'consumers', i];
      if (checkOperation(path, ref) && typeof ref === 'string') reached.add(ref);
    });
  }

  const endpoints = field(data, 'endpoints');
  let weightSum = 0;
  let weighted = 0;
  for (const [name, endpoint] of entriesOf(endpoints)) {
    const ref = field(endpoint, 'operation');
    if (checkOperation(['endpoints', name, 'operation'], ref) && typeof ref === 'string')
      reached.add(ref);
    const weight = field(endpoint, 'weight');
    if (typeof weight === 'number') weightSum += weight;
    else if (typeof weight === 'string') weightSum += Number.parseFloat(weight) || 0;
    else weightSum += 1;
    if (weight !== undefined) weighted++;
  }
  const endpointCount = keysOf(endpoints).length;
  if (isRecord(endpoints) && endpointCount === 0) {
    error(
      ['endpoints'],
      `found no endpoints; expected at least one, e.g. checkout: { operation: ${firstOperation(operations) ?? 'service.operation'} }`,
    );
  } else if (endpointCount > 0 && weightSum === 0) {
    error(['endpoints'], 'found weights that are all 0; expected at least one weight above 0');
  } else if (weighted > 0 && weighted < endpointCount) {
    warn(
      ['endpoints'],
      `${endpointCount - weighted} of ${endpointCount} endpoints have no weight and count as weight 1`,
      'key',
    );
  }

  checkFaults(data, serviceNames, datastores, operations, error);
  checkChanges(data, libraries, datastores, events, operations, error);

  for (const cycle of findCallCycles(stepRefs, operations)) {
    error(
      [...cycle.step.path, 'call'],
      `synchronous call cycle ${cycle.names.join(' → ')}; a chain of calls must end (publish an event for an asynchronous loop)`,
    );
  }

  // Warnings: things that exist but can never run or matter.
  for (const [service, ops] of operations) {
    for (const op of ops) {
      if (!reached.has(`${service}.${op}`)) {
        warn(
          ['services', service, 'operations', op],
          `operation ${service}.${op} is never reached: no endpoint, call or event consumer leads to it`,
          'key',
        );
      }
    }
  }
  for (const store of datastores) {
    if (!queried.has(store))
      warn(['datastores', store], `datastore ${store} is never queried`, 'key');
  }
  for (const event of events) {
    if (!published.has(event))
      warn(['events', event], `event ${event} is never published by any step`, 'key');
  }
  return { errors, warnings };
}

/** Collects every call, query and publish step, nested `parallel` steps included. */
function collectSteps(steps: unknown, owner: string, path: PathSegment[], out: StepRef[]): void {
  const stack: Array<{ steps: unknown; path: PathSegment[] }> = [{ steps, path }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    itemsOf(next.steps).forEach((step, i) => {
      const stepPath = [...next.path, i];
      for (const kind of ['call', 'query', 'publish'] as const) {
        const target = field(step, kind);
        if (typeof target === 'string') out.push({ owner, kind, target, path: stepPath, step });
      }
      const parallel = field(step, 'parallel');
      if (Array.isArray(parallel)) stack.push({ steps: parallel, path: [...stepPath, 'parallel'] });
    });
  }
}

type ErrorSink = (path: PathSegment[], message: string) => void;

function checkFaults(
  data: unknown,
  services: string[],
  datastores: string[],
  operations: Map<string, string[]>,
  error: ErrorSink,
): void {
  const refs = [...operations].flatMap(([service, ops]) => ops.map((op) => `${service}.${op}`));
  itemsOf(field(data, 'faults')).forEach((fault, i) => {
    const target = field(fault, 'target');
    const path: PathSegment[] = ['faults', i, 'target'];
    if (typeof target !== 'string') return;
    const isService = services.includes(target);
    const isStore = datastores.includes(target);
    if (field(fault, 'kind') === 'crash' && (!isService || isStore)) {
      // Only a process crashes: a datastore, the bus or one operation has no replica of its own.
      error(
        path,
        `found a crash fault on "${target}"; a crash stops a service's replicas, so its target is a service (services: ${listNames(services)})`,
      );
      return;
    }
    if (target.includes('.')) {
      if (!refs.includes(target)) {
        const service = target.slice(0, target.indexOf('.'));
        const ops = operations.get(service);
        error(
          path,
          ops
            ? `unknown operation "${target}"${suggestion(target, refs)} (operations of ${service}: ${listNames(ops)})`
            : `unknown target "${target}"${suggestion(target, [...services, ...datastores, ...refs, 'bus'])} (a service, service.operation, datastore or bus)`,
        );
      }
    } else if (isService && isStore) {
      error(
        path,
        `"${target}" names both a service and a datastore; rename one so the fault target is unambiguous`,
      );
    } else if (target === 'bus' && (isService || isStore)) {
      error(
        path,
        `"bus" names both the bus and a ${isService ? 'service' : 'datastore'}; rename the ${isService ? 'service' : 'datastore'}`,
      );
    } else if (!isService && !isStore && target !== 'bus') {
      const candidates = [...services, ...datastores, 'bus'];
      error(
        path,
        `unknown target "${target}"${suggestion(target, [...candidates, ...refs])} (services: ${listNames(services)}; datastores: ${listNames(datastores)}; or service.operation, or bus)`,
      );
    }
  });
}

function checkChanges(
  data: unknown,
  libraries: string[],
  datastores: string[],
  events: string[],
  operations: Map<string, string[]>,
  error: ErrorSink,
): void {
  const refs = [...operations].flatMap(([service, ops]) => ops.map((op) => `${service}.${op}`));
  itemsOf(field(data, 'changes')).forEach((change, i) => {
    const target = field(change, 'target');
    if (typeof target !== 'string') return;
    const path: PathSegment[] = ['changes', i, 'target'];
    const kinds = [
      libraries.includes(target) ? 'library' : undefined,
      datastores.includes(target) ? 'datastore' : undefined,
      events.includes(target) ? 'event' : undefined,
      refs.includes(target) ? 'operation' : undefined,
    ].filter((k) => k !== undefined);
    if (kinds.length === 0) {
      error(
        path,
        `unknown target "${target}"${suggestion(target, [...libraries, ...datastores, ...events, ...refs])} (a library, datastore, event or service.operation)`,
      );
      return;
    }
    if (kinds.length > 1) {
      error(
        path,
        `"${target}" names both a ${kinds[0]} and a ${kinds[1]}; rename one so the change target is unambiguous`,
      );
      return;
    }
    const kind = kinds[0];
    const via = field(change, 'via');
    const paths: Record<string, readonly string[]> = {
      library: ['lockstep'],
      datastore: ['lockstep', 'expand-contract'],
      operation: ['lockstep', 'expand-contract'],
      event: ['lockstep', 'new-version'],
    };
    const allowed = paths[kind ?? ''] ?? [];
    if (typeof via === 'string' && !allowed.includes(via)) {
      error(
        ['changes', i, 'via'],
        `found ${via} on a change to ${kind} "${target}"; a ${kind} changes via ${listNames([...allowed])}${kind === 'library' ? ' (declare libraries.NAME.lockstep instead; a versioned library needs no path)' : ''}`,
      );
    }
    for (const key of ['add', 'remove'] as const) {
      if (field(change, key) !== undefined && kind !== 'event') {
        error(
          ['changes', i, key],
          `found ${key} on a change to ${kind} "${target}"; only event changes take ${key}`,
        );
      }
    }
    if (kind !== 'event') return;
    const fields = keysOf(field(field(field(data, 'events'), target), 'fields'));
    itemsOf(field(change, 'remove')).forEach((name, j) => {
      if (typeof name === 'string' && !fields.includes(name)) {
        error(
          ['changes', i, 'remove', j],
          `unknown field "${name}" of event ${target}${suggestion(name, fields)} (fields: ${listNames(fields)})`,
        );
      }
    });
    for (const name of keysOf(field(change, 'add'))) {
      if (fields.includes(name)) {
        error(
          ['changes', i, 'add', name],
          `field "${name}" already exists in event ${target}; remove it first or add a field with a new name`,
        );
      }
    }
  });
}

function firstOperation(operations: Map<string, string[]>): string | undefined {
  for (const [service, ops] of operations) if (ops[0]) return `${service}.${ops[0]}`;
  return undefined;
}

/**
 * `services.NAME.modules`: each module must be one its operations name (a typo would silently
 * leave a team out of the release train), and its team must be declared when `teams` is.
 */
function checkModules(
  service: unknown,
  name: string,
  teams: readonly string[] | undefined,
  error: ErrorSink,
): void {
  const named = new Set<string>();
  for (const [, op] of entriesOf(field(service, 'operations'))) {
    const module = field(op, 'module');
    if (typeof module === 'string') named.add(module);
  }
  const known = [...named];
  for (const [module, entry] of entriesOf(field(service, 'modules'))) {
    if (!named.has(module)) {
      error(
        ['services', name, 'modules', module],
        `unknown module "${module}"${suggestion(module, known)} (${known.length > 0 ? `modules of ${name}'s operations: ${listNames(known)}` : `no operation of ${name} names a module`})`,
      );
    }
    const team = field(entry, 'team');
    if (teams !== undefined && typeof team === 'string' && !teams.includes(team)) {
      error(
        ['services', name, 'modules', module, 'team'],
        `unknown team "${team}"${suggestion(team, [...teams])} (teams: ${listNames([...teams])})`,
      );
    }
  }
}
