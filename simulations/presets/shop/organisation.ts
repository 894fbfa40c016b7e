/**
 * Who owns which module and how they release: the third axis, held equal across the cuts (a
 * figure about organisation passes its own). In the monolith the same teams own the same modules
 * of its one service; in the split cuts each owns the services those modules became.
 */
import { MODULES, type ModuleName } from './domain.ts';

export interface Organisation {
  /** Team name → the modules it owns; every module has exactly one team. */
  readonly teams: Readonly<Record<string, readonly ModuleName[]>>;
  /** `per-team`: each team ships its own; `one-click`: one action deploys any set of services. */
  readonly release: 'one-click' | 'per-team';
  /** Wait each extra team adds to a coordinated per-team release, ms. */
  readonly handoff: number;
  /** Every deployable's deploy: its duration (ms) and the chance it must be rolled back. */
  readonly deploy: { readonly duration: number; readonly failureRate: number };
}

/** Three teams, each releasing on its own, a day's handoff, ten-minute deploys that fail 2%. */
export const DEFAULT_ORGANISATION: Organisation = {
  teams: {
    storefront: ['gateway', 'catalog', 'recommendations'],
    checkout: ['cart', 'pricing', 'orders', 'payments'],
    fulfilment: ['inventory', 'shipping', 'notifications'],
  },
  release: 'per-team',
  handoff: 86_400_000,
  deploy: { duration: 600_000, failureRate: 0.02 },
};

/** Module → its team; throws when a module has no team or two. */
export function teamOfModule(org: Organisation): Readonly<Record<ModuleName, string>> {
  const owner = new Map<ModuleName, string>();
  for (const [team, modules] of Object.entries(org.teams)) {
    for (const module of modules) {
      const other = owner.get(module);
      if (other !== undefined) {
        throw new RangeError(`organisation: module ${module} has two teams, ${other} and ${team}`);
      }
      owner.set(module, team);
    }
  }
  const missing = MODULES.filter((m) => !owner.has(m));
  if (missing.length > 0) {
    throw new RangeError(`organisation: modules without a team: ${missing.join(', ')}`);
  }
  return Object.fromEntries(owner) as Record<ModuleName, string>;
}
