/**
 * Who owns a deployable. A service's `team` owns its pipeline and every operation whose module
 * has no team; `services.NAME.modules.MODULE.team` gives a module to another team. A service with
 * two or more teams ships as a release train: every release of it waits for each of them.
 */
import type { Model } from '../model/types.ts';
import { sorted } from './graph.ts';

/** Stands for the services without a team, which count together as one implicit team. */
export const NO_TEAM = '';

/** Every team that must sign off a release of `service`: its own team and its modules' teams. */
export function teamsOf(model: Model, service: string): string[] {
  const s = model.services[service];
  if (s === undefined) return [];
  const teams = new Set<string>([s.team ?? NO_TEAM]);
  for (const module of Object.values(s.modules)) teams.add(module.team);
  // The implicit team only counts when nobody named owns the pipeline and no module is owned.
  if (teams.size > 1) teams.delete(NO_TEAM);
  return sorted(teams);
}

/** The team that owns the service's pipeline (NO_TEAM when it has none). */
export function primaryTeam(model: Model, service: string): string {
  return model.services[service]?.team ?? NO_TEAM;
}

/** Distinct teams of a group of services, release-train teams included. */
export function groupTeams(model: Model, services: readonly string[]): string[] {
  return sorted(new Set(services.flatMap((s) => teamsOf(model, s))));
}

/** Distinct teams, counting services without a team as one implicit team of their own. */
export function teamCount(model: Model, services: readonly string[]): number {
  return groupTeams(model, services).length;
}

/** Named teams only, for lists in a report. */
export function namedTeams(model: Model, services: readonly string[]): string[] {
  return groupTeams(model, services).filter((t) => t !== NO_TEAM);
}

/** Whether the service ships as a release train (two or more teams own parts of it). */
export function isReleaseTrain(model: Model, service: string): boolean {
  return teamsOf(model, service).length >= 2;
}
