import { describe, expect, it } from 'vitest';
import { parseTopology } from '../model/parse.ts';
import { importCompose } from './compose.ts';

const SHOP = `
services:
  web:
    image: nginx:1.27
    ports: ["80:80"]
    depends_on: [api]
  api:
    build: ./api
    deploy: { replicas: 3 }
    depends_on:
      db: { condition: service_healthy }
      cache: { condition: service_started }
      orders: { condition: service_started }
  orders:
    image: example/orders:2
    links: ["db:database", "queue"]
  db:
    image: postgres:16
  cache:
    image: redis:7-alpine
  queue:
    image: rabbitmq:3-management
`;

function valid(yaml: string) {
  const parsed = parseTopology(yaml, { file: 'imported.yaml' });
  if (!parsed.ok)
    throw new Error(parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return parsed.model;
}

describe('docker-compose import', () => {
  it('turns services, depends_on, links, databases and replicas into a valid skeleton', () => {
    const result = importCompose(SHOP);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.services).toEqual(['web', 'api', 'orders']);
    expect(result.datastores).toEqual(['db', 'cache']);
    expect(result.endpoints).toEqual(['web']);
    const model = valid(result.yaml);
    expect(model.services.api?.replicas).toBe(3);
    const steps = model.services.api?.operations.handle?.steps ?? [];
    expect(
      steps.map((s) =>
        s.kind === 'call'
          ? `call ${s.service}.${s.operation}`
          : s.kind === 'query'
            ? `query ${s.datastore}`
            : s.kind,
      ),
    ).toEqual(['call orders.handle', 'query db', 'query cache']);
    // db is used by api and orders: shared, so no owner; cache has one user, its owner.
    expect(model.datastores.cache?.owner).toBe('api');
    expect(model.datastores.db?.owner).toBeUndefined();
  });

  it('marks what needs a person with comments', () => {
    const result = importCompose(SHOP);
    if (!result.ok) throw new Error('expected a skeleton');
    expect(result.yaml).toMatch(/work: 1ms # TODO/);
    expect(result.yaml).toMatch(/replicas: 3 # from deploy.replicas/);
    expect(result.yaml).toMatch(/queue .*message broker/);
    expect(result.notes.some((n) => n.includes('broker'))).toBe(true);
  });

  it('breaks a link cycle instead of writing a call cycle, and says so', () => {
    const result = importCompose(
      'services:\n  a: { image: x, links: [b] }\n  b: { image: y, links: [a] }\n',
    );
    if (!result.ok) throw new Error('expected a skeleton');
    valid(result.yaml);
    expect(result.notes.join(' ')).toMatch(/cycle/);
  });

  it('merges YAML merge keys, reads the old scale field and cleans names', () => {
    const text = `x-common: &common\n  deploy: { replicas: 2 }\nservices:\n  Front_End:\n    <<: *common\n    image: app\n  worker:\n    image: app\n    scale: 4\n`;
    const result = importCompose(text);
    if (!result.ok) throw new Error(result.messages.join('\n'));
    const model = valid(result.yaml);
    expect(model.services['front-end']?.replicas).toBe(2);
    expect(model.services.worker?.replicas).toBe(4);
  });

  it('refuses a file with no services, or only databases, with a message', () => {
    expect(importCompose('version: "3"\n')).toMatchObject({ ok: false });
    const onlyDb = importCompose('services:\n  db: { image: postgres }\n');
    expect(onlyDb.ok).toBe(false);
    if (!onlyDb.ok) expect(onlyDb.messages[0]).toMatch(/at least one service/);
  });

  it('reports bad YAML and hostile aliases with their position, never throwing', () => {
    const broken = importCompose('services:\n  a: [\n');
    expect(broken.ok).toBe(false);
    let bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 0; i < 9; i++)
      bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]\n`;
    const result = importCompose(`${bomb}services: { a: { image: x } }\n`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.messages[0]).toMatch(/alias/);
  });
});
