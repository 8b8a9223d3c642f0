import type { IncomingHttpHeaders } from 'node:http';
import { TokenRejected, verifyToken } from '../auth/token';
import { SUBPROTOCOL } from '../../protocol/version';

export type UpgradeDecision =
  { ok: true; username: string } | { ok: false; status: 400 | 401 | 403 | 404; reason: string };

export interface UpgradeRequest {
  url?: string;
  headers: IncomingHttpHeaders;
}

/** Names a browser page could not have forged without DNS rebinding: our loopback address and our port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * The path of an origin-form request target (`/path?query`), or undefined for any other form (`*`, absolute
 * `http://…`, garbage). Parsed by hand rather than with `new URL(target, base)`, which throws on targets such as
 * `//` or `/\` (it reads them as a host) — a throw here used to end the daemon. None of our clients sends anything
 * but `/`, so the absolute form proxies use is refused rather than interpreted.
 */
export function targetPath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/')) return undefined;
  const query = target.indexOf('?');
  return query < 0 ? target : target.slice(0, query);
}

/** Caller-supplied text in a refusal (and so in the log): quoted, and cut short since a header can be 16 KiB. */
function shown(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}

export function requestedSubprotocols(headers: IncomingHttpHeaders): string[] {
  const raw = headers['sec-websocket-protocol'];
  return typeof raw === 'string'
    ? raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : [];
}

/**
 * Decides a WebSocket upgrade before any JSON-RPC can run. The order matters for what we reveal: a page from the
 * web (Origin) or a rebinding DNS name (Host) learns nothing about tokens. Browsers always send Origin on
 * WebSocket handshakes and no legitimate client of ours is a browser, so any Origin is refused — the hole behind
 * webpack-dev-server's and Vite's localhost hijacks (CVE-2018-14732, CVE-2025-30360, CVE-2025-24010).
 */
export function checkUpgrade(request: UpgradeRequest, port: number, secret: Buffer): UpgradeDecision {
  const host = request.headers.host?.toLowerCase();
  if (!host || !allowedHosts(port).has(host)) {
    return {
      ok: false,
      status: 403,
      reason: `Host ${shown(request.headers.host ?? '')} is not this daemon (expected 127.0.0.1:${port}).`,
    };
  }
  if (request.headers.origin !== undefined) {
    return { ok: false, status: 403, reason: 'Requests from web pages (any Origin header) are refused.' };
  }
  const pathname = targetPath(request.url);
  if (pathname === undefined)
    return { ok: false, status: 400, reason: `The request target ${shown(request.url ?? '')} is not a path; use /.` };
  if (pathname !== '/')
    return { ok: false, status: 404, reason: `No WebSocket endpoint at ${shown(pathname)}; connect to /.` };
  if (!requestedSubprotocols(request.headers).includes(SUBPROTOCOL)) {
    return {
      ok: false,
      status: 400,
      reason: `Ask for the WebSocket subprotocol ${SUBPROTOCOL} (Sec-WebSocket-Protocol).`,
    };
  }
  // Only the Authorization header: tokens in URLs end up in logs and browser history.
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(request.headers.authorization ?? '');
  if (!match)
    return { ok: false, status: 401, reason: 'Send "Authorization: Bearer <token>"; get a token with `vutf token`.' };
  try {
    return { ok: true, username: verifyToken(secret, match[1]).username };
  } catch (error) {
    const reason = error instanceof TokenRejected ? error.message : 'token rejected';
    return { ok: false, status: 401, reason: `${reason}; get a fresh one with \`vutf token\`.` };
  }
}
