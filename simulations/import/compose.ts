/**
 * `docker-compose.yml` → a Lockstep topology skeleton. A compose file says what runs and what
 * waits for what, not how long anything takes, so the skeleton keeps what compose knows (services,
 * replicas, databases, who depends on whom) and marks with `TODO` comments what only its authors
 * know (work per request, which operations call which, timeouts and retries).
 *
 * - services come from `services`; one operation `handle` each, which calls every service it
 *   `depends_on` or `links` to and queries every database it depends on;
 * - a service whose image is a well-known database (Postgres, MySQL, MongoDB, Redis, …) becomes a
 *   datastore, owned by its one user when it has only one;
 * - `deploy.replicas` (or the old `scale`) becomes `replicas`;
 * - services nothing depends on become endpoints (those publishing `ports` first).
 *
 * Framework-free and pure; the compose text is read through the engine's hostile-input limits.
 */
import { readYaml } from '../model/yamlSource.ts';

export type ComposeImport =
  | {
      readonly ok: true;
      /** The topology YAML, with comments. */
      readonly yaml: string;
      readonly services: readonly string[];
      readonly datastores: readonly string[];
      readonly endpoints: readonly string[];
      /** One sentence per thing that needs a person (also written as comments in `yaml`). */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly messages: readonly string[] };

/** Images that are databases or caches: they become datastores. */
const DATABASE_IMAGES =
  /(^|\/)(postgres|postgis|timescaledb|mysql|mariadb|percona|mongo|mongodb|redis|valkey|keydb|memcached|cassandra|scylla|elasticsearch|opensearch|couchdb|couchbase|cockroach|cockroachdb|neo4j|clickhouse|influxdb|mssql|oracle|dynamodb-local|etcd|minio)([:@/-]|$)/i;
/** Images that are message brokers: Lockstep models their messages as `events` on the bus. */
const BROKER_IMAGES =
  /(^|\/)(rabbitmq|kafka|cp-kafka|redpanda|nats|activemq|artemis|pulsar|zookeeper)([:@/-]|$)/i;

type Kind = 'service' | 'datastore' | 'broker';

interface Entry {
  readonly original: string;
  readonly name: string;
  readonly kind: Kind;
  readonly image: string;
  readonly replicas: number | undefined;
  readonly ports: boolean;
  readonly depends: readonly string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compose's YAML 1.1 merge keys (`<<: *defaults`) arrive as a `<<` key: merge them here. */
function merged(value: unknown): Record<string, unknown> {
  if (!isObject(value)) return {};
  const base = value['<<'];
  const parts = Array.isArray(base) ? base : [base];
  const out: Record<string, unknown> = {};
  for (const part of parts) if (isObject(part)) Object.assign(out, part);
  for (const [k, v] of Object.entries(value)) if (k !== '<<') out[k] = v;
  return out;
}

/** A Lockstep name: lower case, letters, digits and dashes. */
function cleanName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'service' : /^[a-z]/.test(name) ? name : `s-${name}`;
}

function dependencies(service: Record<string, unknown>): string[] {
  const out: string[] = [];
  const depends = service.depends_on;
  if (Array.isArray(depends)) {
    for (const d of depends) if (typeof d === 'string') out.push(d);
  } else if (isObject(depends)) {
    out.push(...Object.keys(depends));
  }
  const links = service.links;
  if (Array.isArray(links)) {
    for (const link of links) if (typeof link === 'string') out.push(link.split(':')[0] ?? link);
  }
  return [...new Set(out)];
}

function replicasOf(service: Record<string, unknown>): number | undefined {
  const deploy = merged(service.deploy);
  const raw = deploy.replicas ?? service.scale;
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? Math.min(n, 1000) : undefined;
}

function kindOf(image: string, name: string): Kind {
  const probe = image === '' ? name : image;
  if (DATABASE_IMAGES.test(probe)) return 'datastore';
  if (BROKER_IMAGES.test(probe)) return 'broker';
  return 'service';
}

/** A YAML-safe one-line comment. */
function comment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** Reads a compose file and writes the skeleton. Never throws. */
export function importCompose(text: string, file = 'docker-compose.yml'): ComposeImport {
  const read = readYaml(text, file);
  if (!read.ok) {
    return {
      ok: false,
      messages: read.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`),
    };
  }
  const root = merged(read.value);
  const services = root.services;
  if (!isObject(services) || Object.keys(services).length === 0) {
    return {
      ok: false,
      messages: [
        `${file}: no \`services\` mapping found; a docker-compose file lists its containers under \`services:\``,
      ],
    };
  }

  const used = new Set<string>();
  const byOriginal = new Map<string, Entry>();
  for (const [original, raw] of Object.entries(services)) {
    const service = merged(raw);
    let name = cleanName(original);
    for (let i = 2; used.has(name); i++) name = `${cleanName(original)}-${i}`;
    used.add(name);
    const image = typeof service.image === 'string' ? service.image : '';
    byOriginal.set(original, {
      original,
      name,
      kind: kindOf(image, original),
      image,
      replicas: replicasOf(service),
      ports: Array.isArray(service.ports) && service.ports.length > 0,
      depends: dependencies(service),
    });
  }

  const notes: string[] = [];
  const entries = [...byOriginal.values()];
  const apps = entries.filter((e) => e.kind === 'service');
  const stores = entries.filter((e) => e.kind === 'datastore');
  const brokers = entries.filter((e) => e.kind === 'broker');
  if (apps.length === 0) {
    return {
      ok: false,
      messages: [
        `${file}: every service is a database or a broker (${entries.map((e) => e.original).join(', ')}); a topology needs at least one service that handles requests`,
      ],
    };
  }

  // Calls: app → app edges, dropping any that would close a cycle (compose allows link cycles;
  // a synchronous call cycle never ends, so the engine refuses one).
  const calls = new Map<string, string[]>();
  const queries = new Map<string, string[]>();
  const unknown: string[] = [];
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const at = stack.pop() as string;
      if (at === to) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(calls.get(at) ?? []));
    }
    return false;
  };
  for (const app of apps) {
    calls.set(app.name, []);
    queries.set(app.name, []);
  }
  for (const app of apps) {
    for (const dep of app.depends) {
      const target = byOriginal.get(dep);
      if (!target) {
        unknown.push(`${app.original} → ${dep}`);
        continue;
      }
      if (target.kind === 'datastore') queries.get(app.name)?.push(target.name);
      else if (target.kind === 'broker') {
        notes.push(
          `${app.name} depends on the broker ${target.name}: model its messages as \`events\` (publisher and consumers) by hand.`,
        );
      } else if (target.name === app.name || reaches(target.name, app.name)) {
        notes.push(
          `${app.name} → ${target.name} was left out: with it the calls would form a cycle, which never ends for a synchronous call; publish an event instead if the dependency is asynchronous.`,
        );
      } else {
        calls.get(app.name)?.push(target.name);
      }
    }
  }
  if (unknown.length > 0) {
    notes.push(
      `Dependencies on services the file does not define were left out: ${unknown.join(', ')}.`,
    );
  }
  for (const broker of brokers) {
    notes.push(
      `${broker.name} (${broker.image || 'a broker'}) is a message broker: Lockstep has one bus for every event, so it is not a service here.`,
    );
  }

  const calledBy = new Set(apps.flatMap((a) => calls.get(a.name) ?? []));
  const roots = apps.filter((a) => !calledBy.has(a.name));
  const published = roots.filter((a) => a.ports);
  const endpointApps =
    published.length > 0 ? published : roots.length > 0 ? roots : [apps[0] as Entry];

  const users = new Map<string, string[]>();
  for (const app of apps) {
    for (const store of queries.get(app.name) ?? [])
      users.set(store, [...(users.get(store) ?? []), app.name]);
  }

  const out: string[] = [
    `# Imported from ${comment(file)}. Compose says what runs and what waits for what; it does not`,
    '# say how long anything takes. Lines marked TODO need a person: work per request, which',
    '# operations call which, timeouts and retries. See the format reference for every field.',
    `name: ${JSON.stringify(`Imported from ${file}`)}`,
    'style: custom',
    '',
    'workload:',
    '  requests: 20000',
    '  rate: 100 # TODO: user requests per second at the front door',
    '',
    'services:',
  ];
  for (const app of apps) {
    out.push(`  ${app.name}:`);
    if (app.name !== cleanName(app.original) || app.original !== app.name) {
      out.push(
        `    # compose service "${comment(app.original)}"${app.image ? `, image ${comment(app.image)}` : ''}`,
      );
    } else if (app.image) {
      out.push(`    # image ${comment(app.image)}`);
    }
    if (app.replicas !== undefined)
      out.push(`    replicas: ${app.replicas} # from deploy.replicas`);
    else out.push('    replicas: 1 # TODO: compose gave no deploy.replicas');
    out.push('    # TODO: concurrency (threads per replica) and cpus (cores per replica)');
    out.push('    operations:');
    out.push('      handle: # TODO: name the operations this service offers');
    out.push('        work: 1ms # TODO: own processing per request');
    const steps = [
      ...(calls.get(app.name) ?? []).map(
        (callee) => `          - call: ${callee}.handle # TODO: timeout and retry?`,
      ),
      ...(queries.get(app.name) ?? []).map((store) => `          - query: ${store}`),
    ];
    if (steps.length > 0) out.push('        steps:', ...steps);
  }
  if (stores.length > 0) {
    out.push('', 'datastores:');
    for (const store of stores) {
      const owners = users.get(store.name) ?? [];
      out.push(`  ${store.name}: # ${comment(store.image || 'a database')}`);
      if (owners.length === 1) out.push(`    owner: ${owners[0]}`);
      else if (owners.length > 1) out.push(`    # shared by ${owners.join(', ')}: TODO: owner?`);
      else
        out.push('    # TODO: nobody in the compose file depends on it; which service queries it?');
      out.push('    work: 1ms # TODO: time per query');
    }
  }
  out.push('', 'endpoints:');
  for (const app of endpointApps) {
    out.push(
      `  ${app.name}: { operation: ${app.name}.handle } # TODO: one endpoint per kind of user request`,
    );
  }
  if (notes.length > 0) {
    out.push('', '# Left for a person to decide:');
    for (const note of notes) out.push(`# - ${comment(note)}`);
  }
  return {
    ok: true,
    yaml: `${out.join('\n')}\n`,
    services: apps.map((a) => a.name),
    datastores: stores.map((s) => s.name),
    endpoints: endpointApps.map((a) => a.name),
    notes,
  };
}
