import type http from 'node:http';
import { DAEMON_VERSION } from '../../protocol/version';

/**
 * The daemon's only plain-HTTP answer: `GET /health` from our own Host and no Origin, for the liveness probe.
 * Liveness only: no user, no figures, nothing a web page could learn from. Everything else is 404 (or 403 for a
 * foreign Host, which is what DNS rebinding looks like).
 */
export function serveLiveness(request: http.IncomingMessage, response: http.ServerResponse, port: number): void {
  const hostOk = request.headers.host === `127.0.0.1:${port}` || request.headers.host === `localhost:${port}`;
  if (request.method === 'GET' && request.url === '/health' && hostOk && request.headers.origin === undefined) {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ status: 'ok', version: DAEMON_VERSION }));
    return;
  }
  response.writeHead(hostOk ? 404 : 403, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(hostOk ? 'Not found. JSON-RPC is served over WebSocket at /.\n' : 'Forbidden host.\n');
}

/** What to tell a client whose bytes Node's HTTP parser refused: 431 for oversized headers, else 400, with why. */
export function parseErrorAnswer(error: Error): { status: number; reason: string } {
  const code = (error as NodeJS.ErrnoException).code;
  return { status: code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, reason: `Bad request (${code ?? 'unparseable'}).` };
}
