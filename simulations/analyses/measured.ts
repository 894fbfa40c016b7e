/**
 * What the analyses take from a simulation report. One function, used wherever a report and the
 * analyses meet (the `simulate` command's report, `check`), so a symptom measured by the simulator
 * has one number everywhere.
 */
import type { Report } from '../report/types.ts';
import type { Measured } from './types.ts';

export function measuredFrom(report: Report): Measured {
  return { syncRemoteCallsPerRequest: report.syncCallsPerRequest };
}
