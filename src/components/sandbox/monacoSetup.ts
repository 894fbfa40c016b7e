/**
 * Monaco for the sandbox, bundled with the site: the editor core with the contributions a YAML
 * author uses (completion, hover, quick fixes, find, folding, go-to-error, Tab focus mode), YAML
 * highlighting, and monaco-yaml driven by the engine's generated JSON Schema. Imported only by
 * the sandbox island, so no other page loads any of it.
 *
 * Two workers, both same-origin and bundled by Vite's `?worker`: Monaco's editor worker and
 * monaco-yaml's language worker (its import of Monaco's worker goes through the alias in
 * `astro.config.mjs`).
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
import './monacoContributions.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import schema from '../../../simulations/model/topology.schema.json';

export { monaco };

/** The model's URI; the schema is matched to it. */
export const DOCUMENT_URI = 'file:///sandbox/topology.yaml';
export const COMPARE_URI = 'file:///sandbox/design-a.yaml';

/**
 * Since Monaco 0.55, `createWebWorker` needs a `worker` and no longer sends `createData`; the
 * worker manager inside monaco-yaml still calls it the old way. This supplies the worker and the
 * two messages its start-up expects: one to wake monaco-worker-manager's handler, which then
 * installs Monaco's, which reads the next message as the create data.
 */
function patchCreateWebWorker(): void {
  const original = monaco.editor.createWebWorker;
  const patched = ((
    options: Parameters<typeof original>[0] & { label?: string; createData?: unknown },
  ) => {
    if ('worker' in options && options.worker !== undefined) return original(options);
    if (options.label !== 'yaml') return original(options);
    // The worker's script loads on its own: the editor is usable while it does.
    const worker = new YamlWorker();
    worker.postMessage('start');
    worker.postMessage(options.createData);
    return original({ ...options, worker });
  }) as typeof original;
  monaco.editor.createWebWorker = patched;
}

let configured = false;

/** Sets up workers, themes and the YAML language once per page. */
export function setUpMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string) {
      if (label === 'editorWorkerService') return new EditorWorker();
      // The YAML worker is created by the patched createWebWorker above.
      throw new Error(`No worker for ${label}`);
    },
  };
  patchCreateWebWorker();
  monaco.editor.defineTheme('lockstep-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#fbfaf7', 'editorGutter.background': '#fbfaf7' },
  });
  monaco.editor.defineTheme('lockstep-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#111418', 'editorGutter.background': '#111418' },
  });
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    completion: true,
    hover: true,
    validate: true,
    schemas: [
      {
        fileMatch: ['**/sandbox/*.yaml'],
        uri: 'https://lockstep.dev/schemas/topology-v1.json',
        schema: schema as JSONSchema,
      },
    ],
  });
  return monaco;
}

/** The site's theme: the stored choice on `<html data-theme>`, else the system's. */
export function siteTheme(): 'light' | 'dark' {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Keeps Monaco's theme on the site's; returns a function that stops following. */
export function followSiteTheme(): () => void {
  const apply = () =>
    monaco.editor.setTheme(siteTheme() === 'dark' ? 'lockstep-dark' : 'lockstep-light');
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', apply);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', apply);
  };
}
