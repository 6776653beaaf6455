/** /healthz (store reachable, corpus loaded) and /metrics (Prometheus) on a small HTTP port. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics';

export interface HealthCheck {
  (): Promise<{ ok: boolean; checks: Record<string, string> }>;
}

export async function startHttpServer(port: number, host: string, health: HealthCheck, metrics: Metrics): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (url === '/healthz') {
      health().then(
        (h) => {
          res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: h.ok ? 'ok' : 'unhealthy', ...h.checks }));
        },
        (e: unknown) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unhealthy', error: (e as Error).message })),
      );
      return;
    }
    if (url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.render());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

export function serverPort(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
