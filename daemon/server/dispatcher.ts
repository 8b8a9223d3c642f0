import { type z } from 'zod';
import type { CancellationToken } from 'vscode-jsonrpc/node';
import { DomainError } from '../../domain/errors';
import { ErrorCode, RpcError } from '../../protocol/errors';
import { isRequestMethod, requests, type RequestMethod, type ResultOf } from '../../protocol/methods';
import type { DaemonServices, RequestContext } from '../services';
import type { ClientSession } from './clientSession';
import { ResponseError } from 'vscode-jsonrpc/node';

type ParsedParams<M extends RequestMethod> = z.output<(typeof requests)[M]['params']>;

export type Handler<M extends RequestMethod> = (
  params: ParsedParams<M>,
  context: RequestContext,
) => Promise<ResultOf<M>> | ResultOf<M>;

export type HandlerMap = { [M in RequestMethod]: Handler<M> };

const MAX_ISSUES = 10;

function invalidParams(method: string, error: z.ZodError): RpcError {
  const issues = error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: `$${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`,
    message: issue.message,
  }));
  const first = issues[0];
  const where = first.path === '$' ? '' : ` at ${first.path}`;
  return new RpcError('InvalidParams', `Invalid params for ${method}${where}: ${first.message}`, { issues });
}

/**
 * Every request passes through here: known method, initialized session, params valid against the protocol
 * module, then the handler. A DomainError becomes the RPC error of its kind; anything else a handler throws becomes an InternalError whose
 * message says where to look, and the connection stays up.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: HandlerMap,
    private readonly services: DaemonServices,
  ) {}

  async dispatch(
    session: ClientSession,
    method: string,
    rawParams: unknown,
    cancellation: CancellationToken,
  ): Promise<unknown> {
    if (!isRequestMethod(method)) {
      // Quoted, but cut short: the name is the caller's input and could be a megabyte long.
      const shown = method.length > 100 ? `${method.slice(0, 100)}…` : method;
      throw new ResponseError(
        ErrorCode.MethodNotFound,
        `Unknown method ${JSON.stringify(shown)}. See docs/protocol.md for the methods this daemon serves.`,
      );
    }
    if (!session.initialized && method !== 'initialize') {
      throw new ResponseError(ErrorCode.ServerNotInitialized, `Call "initialize" before ${JSON.stringify(method)}.`);
    }
    return this.run(method, session, rawParams, cancellation);
  }

  private async run<M extends RequestMethod>(
    method: M,
    session: ClientSession,
    rawParams: unknown,
    cancellation: CancellationToken,
  ): Promise<ResultOf<M>> {
    const schema: z.ZodType = requests[method].params;
    const parsed = schema.safeParse(rawParams ?? undefined);
    if (!parsed.success) throw invalidParams(method, parsed.error);
    // The one place params become typed: they were just checked against this method's schema.
    const params = parsed.data as ParsedParams<M>;
    const handler = this.handlers[method] as Handler<M>;
    const started = performance.now();
    try {
      return await handler(params, { session, services: this.services, cancellation });
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      // Domain errors carry the protocol error's name: each reaches the client as that error, message and data intact.
      if (error instanceof DomainError)
        throw new RpcError(error.kind, error.message, error.data === undefined ? undefined : { ...error.data });
      this.services.log.error(`${method} failed for ${session.username}: ${(error as Error).stack ?? String(error)}`);
      throw new ResponseError(
        ErrorCode.InternalError,
        `${method} failed inside the daemon: ${(error as Error).message}. The daemon log has details.`,
      );
    } finally {
      this.services.log.debug(`${method} by ${session.username} in ${(performance.now() - started).toFixed(1)} ms`);
    }
  }
}
