import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { blocked, excerpt, failed, transient, type AttemptOutcome } from './attemptOutcome';
import { retryAfterFromHeaders, type ReplyHeaders } from './backoff';
import { readCappedBody } from './cappedBody';
import { isContentFilterRejection } from './contentFilter';
import { overLimitMessage, type ReplyLimit } from './replyLimit';
import { publicEndpoint } from './targetIdentifiers';

export interface HttpRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: ReplyHeaders;
  readonly bodyText: string;
}

export type HttpResult =
  { readonly ok: true; readonly reply: HttpReply } | { readonly ok: false; readonly outcome: AttemptOutcome };

/**
 * Keep-alive agents shared by every target: a run keeps `batch_size` requests in flight to one origin, and
 * reusing their sockets is most of what makes a 20 ms model answer in 20 ms. node:http rather than fetch: on
 * this path undici's fetch costs about twice the CPU per request (measured with bench/engine.ts).
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 512 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 512 }),
};

/**
 * The reply's headers as node:http parsed them (names lower-cased), read in place: only a retry ever looks at one,
 * and copying them into a fetch `Headers` cost ~1.5 % of the engine's main thread.
 */
function replyHeaders(incoming: IncomingHttpHeaders): ReplyHeaders {
  return {
    get(name) {
      const value = incoming[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** A reply, or what was said about one cut off at max_response_bytes. */
type RoundTrip = { readonly reply: HttpReply } | { readonly over: string };

function roundTrip(request: HttpRequest, signal: AbortSignal, limit: ReplyLimit): Promise<RoundTrip> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const client = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = client.request(url, { method: request.method, headers, agent, signal }, (response) => {
      readCappedBody(response, limit, signal).then((body) => {
        if (!body.ok) return resolve({ over: body.over });
        resolve({
          reply: { status: response.statusCode ?? 0, headers: replyHeaders(response.headers), bodyText: body.text },
        });
      }, reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/**
 * One HTTP round trip. Non-2xx replies and network errors come back as outcomes saying whether a retry could
 * help; an aborted signal (timeout or cancel) is rethrown for the retry loop to tell apart.
 */
export async function exchange(request: HttpRequest, signal: AbortSignal, limit: ReplyLimit): Promise<HttpResult> {
  let trip: RoundTrip;
  try {
    trip = await roundTrip(request, signal, limit);
  } catch (error) {
    if (signal.aborted) throw error;
    return { ok: false, outcome: networkFailure(error, request.url) };
  }
  // Final: the same model would send the same flood again, and a retry would read it again.
  if ('over' in trip) {
    return {
      ok: false,
      outcome: failed(overLimitMessage(limit.maxBytes, `${publicEndpoint(request.url)}: ${trip.over}`)),
    };
  }
  const { reply } = trip;
  if (reply.status >= 200 && reply.status < 300) return { ok: true, reply };
  return { ok: false, outcome: statusFailure(reply, request.url) };
}

export function statusFailure(reply: HttpReply, url: string): AttemptOutcome {
  const where = publicEndpoint(url);
  const said = `${where} answered HTTP ${reply.status}${reply.bodyText ? `: ${excerpt(reply.bodyText)}` : '.'}`;
  // 408 is the server's own timeout, so it gets the same retries as ours.
  if (reply.status === 429 || reply.status === 408 || reply.status >= 500) {
    return transient(said, retryAfterFromHeaders(reply.headers));
  }
  if (isContentFilterRejection(reply.status, reply.bodyText)) {
    return blocked(`The provider's content filter rejected the prompt. ${said}`);
  }
  return failed(`${said}${hintFor(reply.status)}`);
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) {
    return ' Check the key named by api_key_env or api_key_secret, and that it may use this endpoint and model.';
  }
  if (status === 404) return ' Check the endpoint URL and the model name.';
  return '';
}

/**
 * Connection-level errors worth a retry: the server went away, refused us while restarting, or stalled. undici
 * reports a peer that closed mid-response as UND_ERR_SOCKET ("other side closed"), which is a reset too.
 */
const retryableNetworkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function networkFailure(error: unknown, url: string): AttemptOutcome {
  const { code, message } = rootCause(error);
  const said = `Network error talking to ${publicEndpoint(url)}: ${code ?? message}${code && message ? ` (${message})` : ''}.`;
  return code !== undefined && retryableNetworkCodes.has(code) ? transient(said) : failed(said);
}

/** fetch wraps the socket error as `TypeError("fetch failed", {cause})`; the code that matters is further down. */
function rootCause(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth += 1) {
    if (!(current instanceof Error)) break;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return { code, message: current.message };
    if (current.cause === undefined) return { message: current.message };
    current = current.cause;
  }
  return { message: current instanceof Error ? current.message : String(current) };
}
