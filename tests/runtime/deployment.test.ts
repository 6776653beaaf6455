import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

describe('deployment files', () => {
  it('.env.example lists every setting the configuration reads, and nothing else', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src', 'runtime', 'config.ts'), 'utf8');
    const read = new Set([...source.matchAll(/(?:str|int|bool)\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]));
    const listed = new Set([...fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...read].sort()).toEqual([...listed].sort());
  });

  it('docker-compose runs the bot on PostgreSQL with health checks and a data volume', () => {
    const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'postgres']);
    expect(compose.services.bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(compose.services.bot.depends_on.postgres.condition).toBe('service_healthy');
    for (const s of Object.values(compose.services) as Array<{ healthcheck?: unknown }>) expect(s.healthcheck).toBeDefined();
    expect(compose.volumes).toHaveProperty('pgdata');
  });

  it('the image is multi-stage and runs as a non-root user', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});
