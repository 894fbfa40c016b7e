/**
 * "What if every breaking change were made by expand/contract?": the document's changes plus,
 * for every datastore that two or more services query and every operation that another service
 * calls, a breaking change `via: expand-contract`. The deploy analysis then ships those as
 * independent releases in sequence (the owner expands, the others move over one at a time, the
 * owner contracts) instead of lockstep groups.
 *
 * What it cannot change is as telling: a breaking change to a shared *model* library has no
 * expand/contract path (its types are compiled into every user), so it stays a lockstep group,
 * and events already take a new version by default.
 *
 * A target named this way takes exactly the breaking entry (FORMAT.md, "Deploy coordination":
 * the document's entries replace the default mix), so use the result for groups and sequences,
 * not for the share of changes that need coordinating.
 */
import { callersOf, queriersOf } from '../analyses/graph.ts';
import type { Change, Model } from '../model/types.ts';

/** The model with every shared datastore's and called operation's breaking change made by expand/contract. */
export function withExpandContract(model: Model): Model {
  const named = new Set(model.changes.map((c) => c.target));
  const added: Change[] = [];
  for (const name of Object.keys(model.datastores)) {
    if (named.has(name) || queriersOf(model, name).size < 2) continue;
    added.push({ target: name, targetKind: 'datastore', breaking: true, via: 'expand-contract' });
  }
  for (const service of Object.values(model.services)) {
    for (const op of Object.keys(service.operations)) {
      const target = `${service.name}.${op}`;
      if (named.has(target) || callersOf(model, service.name, op).size === 0) continue;
      added.push({ target, targetKind: 'operation', breaking: true, via: 'expand-contract' });
    }
  }
  return { ...model, changes: [...model.changes, ...added] };
}
