/// <reference lib="webworker" />
/**
 * The engine in a Web Worker: parses, applies a figure's controls, simulates, and answers.
 * Latest wins: a new request on a channel aborts the run still going on that channel, and the
 * simulator yields between slices so the abort is seen within a few milliseconds.
 */
import { analyse } from '../../simulations/analyses/index.ts';
import { formatDiagnostic } from '../../simulations/model/diagnostics.ts';
import { parseTopology } from '../../simulations/model/parse.ts';
import type { Fault, Model } from '../../simulations/model/types.ts';
import { isPresetName, loadPreset, unknownPresetMessage } from '../../simulations/presets/index.ts';
import type { Report } from '../../simulations/report/types.ts';
import { applyControls } from '../../simulations/scenarios/controls.ts';
import { simulate } from '../../simulations/simulate.ts';
import type { RunRequest, TopologySource, WorkerRequest, WorkerResponse } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const running = new Map<string, AbortController>();
const parsed = new Map<string, Model>();

function load(source: TopologySource): Model | string[] {
  const key = 'preset' in source ? `preset:${source.preset}` : `yaml:${source.yaml}`;
  const cached = parsed.get(key);
  if (cached) return cached;
  let text: string;
  let file: string;
  if ('preset' in source) {
    if (!isPresetName(source.preset)) return [unknownPresetMessage(source.preset)];
    text = loadPreset(source.preset);
    file = `${source.preset}.yaml`;
  } else {
    text = source.yaml;
    file = source.file ?? 'topology.yaml';
  }
  const result = parseTopology(text, { file });
  if (!result.ok) return result.errors.map(formatDiagnostic);
  if (parsed.size > 32) parsed.clear();
  parsed.set(key, result.model);
  return result.model;
}

async function run(request: RunRequest, signal: AbortSignal): Promise<WorkerResponse> {
  const started = performance.now();
  const reports: Report[] = [];
  const faults: Fault[][] = [];
  for (const source of request.sources) {
    const loaded = load(source);
    if (Array.isArray(loaded)) {
      return { type: 'failure', id: request.id, channel: request.channel, messages: loaded };
    }
    let model: Model;
    try {
      model = applyControls(loaded, request.settings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { type: 'failure', id: request.id, channel: request.channel, messages: [message] };
    }
    const options = request.requests === undefined ? {} : { requests: request.requests };
    const report = await simulate(model, { ...options, seed: request.seed, signal });
    if (signal.aborted) break;
    faults.push([...model.faults]);
    reports.push(
      request.analyses
        ? {
            ...report,
            ...analyse(model, { syncRemoteCallsPerRequest: report.syncCallsPerRequest }),
          }
        : report,
    );
  }
  return {
    type: 'result',
    id: request.id,
    channel: request.channel,
    reports,
    faults,
    workerMs: performance.now() - started,
  };
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  running.get(message.channel)?.abort();
  running.delete(message.channel);
  if (message.type === 'cancel') return;
  const controller = new AbortController();
  running.set(message.channel, controller);
  try {
    const response = await run(message, controller.signal);
    // A superseded run says nothing: its figure is already waiting for the newer one.
    if (!controller.signal.aborted) self.postMessage(response);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    self.postMessage({
      type: 'failure',
      id: message.id,
      channel: message.channel,
      messages: [`The simulation stopped unexpectedly: ${text}`],
    } satisfies WorkerResponse);
  } finally {
    if (running.get(message.channel) === controller) running.delete(message.channel);
  }
};
