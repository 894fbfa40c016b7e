/**
 * A simulation report completed with the analyses (blast radius, deploy coordination, scorecard),
 * the scorecard's chattiness taken from what the simulation measured.
 */
import { analyse } from '../analyses/index.ts';
import type { Model } from '../model/types.ts';
import type { Report } from './types.ts';

export function withAnalyses(model: Model, report: Report): Report {
  const analyses = analyse(model, { syncRemoteCallsPerRequest: report.syncCallsPerRequest });
  return { ...report, ...analyses };
}
