/**
 * `<ReleaseNum>`'s runs, cached per build: a page quoting several numbers from one set of
 * releases simulates it once. Keyed by everything that decides the answer.
 */

import type { Model } from '../../simulations/model/types.ts';
import {
  type ReleaseOdds,
  type ReleaseOddsOptions,
  releaseOdds,
} from '../../simulations/scenarios/releaseOdds.ts';

const cache = new Map<string, ReleaseOdds>();

/** `releaseOdds(model, options)`, simulated once per `key` (describe the model and options in it). */
export function cachedReleaseOdds(
  key: string,
  model: Model,
  options: ReleaseOddsOptions,
): ReleaseOdds {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const odds = releaseOdds(model, options);
  cache.set(key, odds);
  return odds;
}
