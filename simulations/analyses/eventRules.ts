/**
 * The four rules for changing an event without breaking its consumers (from the seeds):
 * 1. once an event is introduced, no new required fields;
 * 2. consumers ignore fields they do not recognise;
 * 3. consumers use defaults for optional fields that are absent;
 * 4. when 1–3 cannot be met, publish a new event.
 * A change that keeps rules 1–3 needs no lockstep release: the publisher ships alone.
 */
import type { EventConsumer, EventDef, EventField, FieldType } from '../model/types.ts';
import { operationKey } from './graph.ts';

/** A proposed change to an event's fields. */
export interface EventFieldChange {
  /** Fields added, or redefined when the name exists already. */
  readonly add?: Readonly<Record<string, EventField>>;
  /** Names of fields removed. */
  readonly remove?: readonly string[];
  /**
   * Fields renamed, old name → new name. A rename is a removal and an addition as far as a
   * consumer can tell (it knows the old name, not the new one), so it is checked as both, with the
   * field's type, requiredness and default carried over.
   */
  readonly rename?: Readonly<Record<string, string>>;
}

export interface EventRuleResult {
  readonly rule: 1 | 2 | 3 | 4;
  /** The rule in a few words. */
  readonly title: string;
  readonly holds: boolean;
  /** One sentence naming the fields and consumers concerned. */
  readonly reason: string;
  /** When the rule breaks: what to do instead. */
  readonly alternative?: string;
}

export interface EventChangeCheck {
  readonly event: string;
  /** True when any of rules 1–3 breaks, which is when rule 4 asks for a new event. */
  readonly breaking: boolean;
  readonly rules: readonly [EventRuleResult, EventRuleResult, EventRuleResult, EventRuleResult];
  /** One sentence for a report line. */
  readonly summary: string;
}

const TITLES = {
  1: 'no new required field',
  2: 'consumers ignore unknown fields',
  3: 'consumers use defaults for absent optional fields',
  4: 'otherwise publish a new event',
} as const;

/** Checks a proposed change to `event` against the four rules. */
export function checkEventChange(event: EventDef, change: EventFieldChange): EventChangeCheck {
  const renames = Object.entries(change.rename ?? {}).filter(
    ([from, to]) => from in event.fields && from !== to,
  );
  const added = [
    ...Object.entries(change.add ?? {}),
    ...renames.map(([from, to]) => [to, event.fields[from] as EventField] as const),
  ];
  const newNames = added.filter(([name]) => !(name in event.fields)).map(([name]) => name);
  const newlyRequired = added.filter(([name, f]) => f.required && !event.fields[name]?.required);
  // Fields consumers may now find absent: removed, or turned optional / added as optional.
  const removed = [
    ...(change.remove ?? []).filter((name) => name in event.fields),
    ...renames.map(([from]) => from),
  ];
  const removedRequired = removed.filter((name) => event.fields[name]?.required === true);
  const mayBeAbsent = [
    ...removed.filter((name) => event.fields[name]?.required === false),
    // Added as optional, or turned optional; an optional field redefined could be absent before.
    ...added
      .filter(([name, f]) => !f.required && event.fields[name]?.required !== false)
      .map(([name]) => name),
  ];
  const withoutDefault = added.filter(([, f]) => !f.required && f.default === undefined);
  // Existing fields redefined: a new type, or (optional both before and after) a new default.
  const redefined = added.filter(([name]) => name in event.fields);
  const retyped = redefined.filter(([name, f]) => event.fields[name]?.type !== f.type);
  const redefaulted = redefined.filter(([name, f]) => {
    const before = event.fields[name];
    return (
      before !== undefined &&
      before.type === f.type &&
      !before.required &&
      !f.required &&
      f.default !== undefined &&
      before.default !== f.default
    );
  });

  const rule1 = ruleOne(newlyRequired);
  const rule2 = ruleTwo(event, newNames);
  const rule3 = ruleThree(event, mayBeAbsent, removedRequired, withoutDefault, {
    renames,
    retyped: retyped.map(([name, f]) => [name, event.fields[name] as EventField, f] as const),
    redefaulted: redefaulted.map(
      ([name, f]) => [name, event.fields[name] as EventField, f] as const,
    ),
  });
  const broken = [rule1, rule2, rule3].filter((r) => !r.holds);
  const v2 = nextVersionName(event.name);
  const rule4: EventRuleResult =
    broken.length === 0
      ? {
          rule: 4,
          title: TITLES[4],
          holds: true,
          reason: `Rules 1–3 hold, so \`${event.name}\` can change in place and its publisher ships alone.`,
        }
      : {
          rule: 4,
          title: TITLES[4],
          holds: false,
          reason:
            `${broken.length > 1 ? 'Rules' : 'Rule'} ${list(broken.map((r) => String(r.rule)))} ` +
            `${broken.length > 1 ? 'break' : 'breaks'}, ` +
            `so changing \`${event.name}\` in place means a lockstep release of its publisher and consumers.`,
          alternative: `Publish \`${v2}\` alongside \`${event.name}\` until every consumer has moved over.`,
        };
  const breaking = broken.length > 0;
  const summary = breaking
    ? `${rule4.reason} ${rule4.alternative}`
    : `Keeps the event rules: \`${event.name}\` changes without a lockstep release.`;
  return { event: event.name, breaking, rules: [rule1, rule2, rule3, rule4], summary };
}

function ruleOne(newlyRequired: readonly (readonly [string, EventField])[]): EventRuleResult {
  if (newlyRequired.length === 0) {
    return { rule: 1, title: TITLES[1], holds: true, reason: 'No field becomes required.' };
  }
  const names = newlyRequired.map(([name]) => `\`${name}\``);
  return {
    rule: 1,
    title: TITLES[1],
    holds: false,
    reason:
      `${list(names)} would be required, so events published before the change (and by a ` +
      'publisher not yet deployed) lack it and consumers reject them.',
    alternative: `${capitalise(
      newlyRequired
        .map(([name, f]) => `make \`${name}\` optional with default ${formatDefault(f)}`)
        .join('; '),
    )}.`,
  };
}

function ruleTwo(event: EventDef, newNames: readonly string[]): EventRuleResult {
  if (newNames.length === 0) {
    return { rule: 2, title: TITLES[2], holds: true, reason: 'No field is added.' };
  }
  const strict = event.consumers.filter((c) => !c.ignoresUnknownFields);
  const fields = list(newNames.map((n) => `\`${n}\``));
  if (strict.length === 0) {
    return {
      rule: 2,
      title: TITLES[2],
      holds: true,
      reason:
        event.consumers.length === 0
          ? `\`${event.name}\` has no consumers to surprise with ${fields}.`
          : `Every consumer (${consumerList(event.consumers)}) ignores ${fields} until it needs it.`,
    };
  }
  return {
    rule: 2,
    title: TITLES[2],
    holds: false,
    reason: `${consumerList(strict)} ${strict.length > 1 ? 'reject' : 'rejects'} unknown fields, so ${fields} would fail ${strict.length > 1 ? 'them' : 'it'}.`,
    alternative:
      `First make ${consumerList(strict)} ignore unknown fields (a release of ${strict.length > 1 ? 'their' : 'its'} own), ` +
      `or publish \`${nextVersionName(event.name)}\` alongside.`,
  };
}

/** Redefinitions of existing fields: `[name, before, after]`. */
type Redefinition = readonly [string, EventField, EventField];

interface Redefinitions {
  /** Renamed fields, `[old, new]`. */
  readonly renames: readonly (readonly [string, string])[];
  readonly retyped: readonly Redefinition[];
  readonly redefaulted: readonly Redefinition[];
}

function ruleThree(
  event: EventDef,
  mayBeAbsent: readonly string[],
  removedRequired: readonly string[],
  withoutDefault: readonly (readonly [string, EventField])[],
  redefinitions: Redefinitions = { renames: [], retyped: [], redefaulted: [] },
): EventRuleResult {
  const problems: string[] = [];
  const fixes: string[] = [];
  const renamedFrom = new Map(redefinitions.renames);
  if (removedRequired.length > 0) {
    const names = list(removedRequired.map((n) => `\`${n}\``));
    problems.push(
      `${names} ${removedRequired.length > 1 ? 'are' : 'is'} required, so consumers have no default when it is gone`,
    );
    // A renamed field is expanded and contracted: both names side by side, then the old one goes.
    const kept = removedRequired.filter((n) => !renamedFrom.has(n));
    if (kept.length > 0) {
      fixes.push(
        `keep publishing ${list(kept.map((n) => `\`${n}\``))} (deprecated) until no consumer reads it`,
      );
    }
    for (const [from, to] of redefinitions.renames) {
      if (!removedRequired.includes(from)) continue;
      fixes.push(
        `publish \`${to}\` beside \`${from}\` (the new name optional, the old one deprecated), move every consumer to \`${to}\`, then stop publishing \`${from}\``,
      );
    }
  }
  for (const [name, before, after] of redefinitions.retyped) {
    // A field that is there with a type its readers do not expect: no default can stand in.
    problems.push(
      `\`${name}\` changes from ${before.type} to ${after.type}, so consumers that read it as ${article(before.type)} ${before.type} fail on every event, and a field that is present never falls back on a default`,
    );
    fixes.push(
      `add the new form as a new optional field (e.g. \`${name}${capitalise(after.type)}\`) with a default, keep publishing \`${name}\` as it is until no consumer reads it, then remove it`,
    );
  }
  for (const [name, before, after] of redefinitions.redefaulted) {
    problems.push(
      `\`${name}\`'s default changes from ${formatDefault(before)} to ${formatDefault(after)}, so consumers built before the change fill an absent \`${name}\` with the old one: one event, two meanings`,
    );
    fixes.push(
      `publish \`${name}\` on every event first, so no consumer needs its default, then change the default`,
    );
  }
  if (withoutDefault.length > 0) {
    const names = list(withoutDefault.map(([n]) => `\`${n}\``));
    problems.push(
      `${names} ${withoutDefault.length > 1 ? 'have' : 'has'} no default for consumers to fall back on`,
    );
    fixes.push(
      withoutDefault
        .map(([n, f]) => `give \`${n}\` a default (e.g. ${formatDefault(f)})`)
        .join(', '),
    );
  }
  const strict = event.consumers.filter((c) => !c.usesDefaults);
  if (mayBeAbsent.length > 0 && strict.length > 0) {
    const names = list(mayBeAbsent.map((n) => `\`${n}\``));
    problems.push(
      `${consumerList(strict)} ${strict.length > 1 ? 'do' : 'does'} not use defaults, so events without ${names} would fail ${strict.length > 1 ? 'them' : 'it'}`,
    );
    fixes.push(
      `make ${consumerList(strict)} fill absent optional fields from their defaults first`,
    );
  }
  if (problems.length === 0) {
    return {
      rule: 3,
      title: TITLES[3],
      holds: true,
      reason:
        mayBeAbsent.length === 0
          ? 'No field can newly be absent.'
          : `Consumers fall back on defaults when ${list(mayBeAbsent.map((n) => `\`${n}\``))} is absent.`,
    };
  }
  return {
    rule: 3,
    title: TITLES[3],
    holds: false,
    reason: `${capitalise(problems.join('; '))}.`,
    alternative: `${capitalise(fixes.join('; '))}.`,
  };
}

/** `order-placed` → `order-placed.v2`; `order-placed.v2` → `order-placed.v3`. */
export function nextVersionName(name: string): string {
  const match = /^(.*)\.v(\d+)$/.exec(name);
  return match === null ? `${name}.v2` : `${match[1]}.v${Number(match[2]) + 1}`;
}

const ZERO: Readonly<Record<FieldType, string>> = {
  string: '""',
  number: '0',
  boolean: 'false',
  object: '{}',
  array: '[]',
};

function formatDefault(field: EventField): string {
  if (field.default === undefined) return ZERO[field.type];
  return typeof field.default === 'string' ? JSON.stringify(field.default) : String(field.default);
}

function article(type: FieldType): string {
  return type === 'object' || type === 'array' ? 'an' : 'a';
}

function consumerList(consumers: readonly EventConsumer[]): string {
  return list(consumers.map((c) => `\`${operationKey(c.service, c.operation)}\``));
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
