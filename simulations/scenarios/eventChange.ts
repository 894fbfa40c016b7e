/**
 * The event-change explorer's scenario: a reader proposes one change to one field of an event
 * (add, make required, remove, rename, change type, change default) and perhaps makes a consumer
 * more or less tolerant; the event rules (`analyses/eventRules.ts`) say which rule holds or
 * breaks, and deploy coordination (`analyses/deployCoordination.ts`) says what shipping it costs:
 * changed in place (the lockstep group of publisher and consumers) and the safe way (a new
 * version of the event, released in sequence). Nothing here is computed twice: the explorer only
 * turns the reader's choice into an `EventFieldChange` and a `Change`, and reads the analyses.
 */
import { deployCoordination } from '../analyses/deployCoordination.ts';
import { checkEventChange, type EventChangeCheck } from '../analyses/eventRules.ts';
import type { DeployChange } from '../analyses/types.ts';
import type { EventDef, EventField, FieldType, Model } from '../model/types.ts';

/** The kinds of change the explorer offers, in the order it lists them. */
export const EVENT_CHANGE_KINDS = [
  'add-optional',
  'add-optional-no-default',
  'add-required',
  'make-required',
  'remove',
  'rename',
  'retype',
  'change-default',
] as const;

export type EventChangeKind = (typeof EVENT_CHANGE_KINDS)[number];

/** How the explorer names each kind. */
export const EVENT_CHANGE_LABELS: Readonly<Record<EventChangeKind, string>> = {
  'add-optional': 'Add an optional field with a default',
  'add-optional-no-default': 'Add an optional field without a default',
  'add-required': 'Add a required field',
  'make-required': 'Make an optional field required',
  remove: 'Remove a field',
  rename: 'Rename a field',
  retype: 'Change a field’s type',
  'change-default': 'Change an optional field’s default',
};

/** Kinds that act on an existing field (the others add one under `name`). */
const ON_EXISTING: ReadonlySet<EventChangeKind> = new Set([
  'make-required',
  'remove',
  'rename',
  'retype',
  'change-default',
]);

export const FIELD_TYPES: readonly FieldType[] = ['string', 'number', 'boolean', 'object', 'array'];

/** A consumer's two tolerances, as the rules ask them (rule 2, rule 3). */
export interface ConsumerTolerance {
  readonly ignoresUnknownFields: boolean;
  readonly usesDefaults: boolean;
}

/** One proposal, as the explorer's controls hold it. */
export interface EventChangeProposal {
  readonly event: string;
  readonly kind: EventChangeKind;
  /** The existing field acted on (remove, rename, retype, make required, change default). */
  readonly field?: string | undefined;
  /** The new field's name (adds) or the new name (rename). */
  readonly name?: string | undefined;
  /** The new field's type (adds) or the new type (retype). */
  readonly type?: FieldType | undefined;
  /** Consumers' tolerances by `service.operation`, replacing the document's. */
  readonly consumers?: Readonly<Record<string, ConsumerTolerance>> | undefined;
}

/** What the explorer shows for one event: its fields and consumers, for the controls. */
export interface EventChoice {
  readonly name: string;
  readonly publisher: string;
  readonly fields: readonly { readonly name: string; readonly field: EventField }[];
  readonly consumers: readonly ({ readonly key: string } & ConsumerTolerance)[];
}

export interface EventChangeAnswer {
  readonly proposal: EventChangeProposal;
  /** The change in words, e.g. "Rename `total` to `amount` in `order-placed`". */
  readonly description: string;
  readonly check: EventChangeCheck;
  /** The change shipped in place: alone when the rules hold, else its lockstep group. */
  readonly inPlace: DeployChange;
  /**
   * The safe way when the rules break: a new version of the event, released in sequence. Absent
   * when the change is safe in place.
   */
  readonly newVersion?: DeployChange;
}

export type EventChangeOutcome =
  | { readonly ok: true; readonly answer: EventChangeAnswer }
  | { readonly ok: false; readonly message: string };

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Every event of the model with its fields and consumers, in document order. */
export function eventChoices(model: Model): EventChoice[] {
  return Object.values(model.events).map((event) => ({
    name: event.name,
    publisher: event.publisher,
    fields: Object.entries(event.fields).map(([name, field]) => ({ name, field })),
    consumers: event.consumers.map((c) => ({
      key: `${c.service}.${c.operation}`,
      ignoresUnknownFields: c.ignoresUnknownFields,
      usesDefaults: c.usesDefaults,
    })),
  }));
}

/** A default value of a type: what a reader's new optional field falls back on. */
function zeroOf(type: FieldType): string | number | boolean | null {
  if (type === 'string') return '';
  if (type === 'number') return 0;
  if (type === 'boolean') return false;
  return null;
}

/** A different default than `field` has, for "change default". */
function otherDefault(field: EventField): string | number | boolean | null {
  switch (field.type) {
    case 'string':
      return field.default === 'NONE' ? 'UNKNOWN' : 'NONE';
    case 'number':
      return typeof field.default === 'number' ? field.default + 1 : 1;
    case 'boolean':
      return field.default !== true;
    default:
      return field.default === null ? 'NONE' : null;
  }
}

/** Checks and ships one proposal; a proposal that cannot apply gets one sentence saying why. */
export function exploreEventChange(
  model: Model,
  proposal: EventChangeProposal,
): EventChangeOutcome {
  const original = model.events[proposal.event];
  if (original === undefined) {
    const names = Object.keys(model.events);
    return {
      ok: false,
      message: `There is no event "${proposal.event}"; the events are ${names.map((n) => `"${n}"`).join(', ') || 'none'}.`,
    };
  }
  if (!EVENT_CHANGE_KINDS.includes(proposal.kind)) {
    return { ok: false, message: `Unknown kind of change "${String(proposal.kind)}".` };
  }
  const event = withTolerances(original, proposal.consumers);
  const built = fieldChange(event, proposal);
  if (!built.ok) return built;
  const check = checkEventChange(event, built.change);
  const edited: Model = {
    ...model,
    events: { ...model.events, [event.name]: event },
    changes: [
      { target: event.name, targetKind: 'event', breaking: check.breaking, via: 'lockstep' },
      { target: event.name, targetKind: 'event', breaking: true, via: 'new-version' },
    ],
  };
  const shipped = deployCoordination(edited).changes.filter(
    (c) => c.origin === 'document' && c.target === event.name,
  );
  const [inPlace, newVersion] = shipped;
  if (inPlace === undefined || newVersion === undefined) {
    return { ok: false, message: `The deploy analysis did not answer for "${event.name}".` };
  }
  return {
    ok: true,
    answer: {
      proposal,
      description: built.description,
      check,
      inPlace,
      ...(check.breaking ? { newVersion } : {}),
    },
  };
}

function withTolerances(event: EventDef, tolerances: EventChangeProposal['consumers']): EventDef {
  if (tolerances === undefined) return event;
  return {
    ...event,
    consumers: event.consumers.map((c) => {
      const t = tolerances[`${c.service}.${c.operation}`];
      return t === undefined
        ? c
        : { ...c, ignoresUnknownFields: t.ignoresUnknownFields, usesDefaults: t.usesDefaults };
    }),
  };
}

type Built =
  | {
      readonly ok: true;
      readonly change: Parameters<typeof checkEventChange>[1];
      readonly description: string;
    }
  | { readonly ok: false; readonly message: string };

function fieldChange(event: EventDef, p: EventChangeProposal): Built {
  const at = `\`${event.name}\``;
  if (ON_EXISTING.has(p.kind)) {
    const name = p.field ?? '';
    const field = event.fields[name];
    if (field === undefined) {
      const names = Object.keys(event.fields);
      return {
        ok: false,
        message: `${at} has no field "${name}"; pick one of ${names.map((n) => `"${n}"`).join(', ') || '(none)'}.`,
      };
    }
    const f = `\`${name}\``;
    switch (p.kind) {
      case 'make-required':
        if (field.required) return { ok: false, message: `${f} is required already.` };
        return {
          ok: true,
          change: { add: { [name]: { type: field.type, required: true } } },
          description: `Make ${f} of ${at} required`,
        };
      case 'remove':
        return { ok: true, change: { remove: [name] }, description: `Remove ${f} from ${at}` };
      case 'rename': {
        const to = p.name ?? '';
        const bad = badNewName(event, to);
        if (bad !== undefined) return { ok: false, message: bad };
        return {
          ok: true,
          change: { rename: { [name]: to } },
          description: `Rename ${f} of ${at} to \`${to}\``,
        };
      }
      case 'retype': {
        const type = p.type ?? 'string';
        if (type === field.type) {
          return { ok: false, message: `${f} is a ${type} already; pick another type.` };
        }
        const next: EventField = field.required
          ? { type, required: true }
          : { type, required: false, default: zeroOf(type) };
        return {
          ok: true,
          change: { add: { [name]: next } },
          description: `Change ${f} of ${at} from ${field.type} to ${type}`,
        };
      }
      default: {
        if (field.required) {
          return { ok: false, message: `${f} is required, so it has no default to change.` };
        }
        const value = otherDefault(field);
        return {
          ok: true,
          change: { add: { [name]: { type: field.type, required: false, default: value } } },
          description: `Change the default of ${f} in ${at} to ${JSON.stringify(value)}`,
        };
      }
    }
  }
  const name = p.name ?? '';
  const bad = badNewName(event, name);
  if (bad !== undefined) return { ok: false, message: bad };
  const type = p.type ?? 'string';
  const field: EventField =
    p.kind === 'add-required'
      ? { type, required: true }
      : p.kind === 'add-optional'
        ? { type, required: false, default: zeroOf(type) }
        : { type, required: false };
  const how =
    p.kind === 'add-required'
      ? 'a required'
      : p.kind === 'add-optional'
        ? 'an optional'
        : 'an optional, default-less';
  return {
    ok: true,
    change: { add: { [name]: field } },
    description: `Add ${how} ${type} field \`${name}\` to ${at}`,
  };
}

function badNewName(event: EventDef, name: string): string | undefined {
  if (!NAME.test(name)) {
    return `"${name}" is not a field name: use 1 to 64 letters, digits, "-" or "_".`;
  }
  if (name in event.fields) return `\`${event.name}\` already has a field "${name}".`;
  return undefined;
}
