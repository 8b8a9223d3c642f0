import { ResponseError } from 'vscode-jsonrpc/node';

/**
 * JSON-RPC error codes. The standard ones come first; ours live in -32010…-32029 so that clients in any
 * language can switch on them. Every error carries a message a person can act on and, where useful, a
 * `data` object with the details (the PID holding a lock, the JSON path of a bad field, …).
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** LSP's code for "call initialize first"; clients that speak LSP already know it. */
  ServerNotInitialized: -32002,
  Unauthorized: -32010,
  NotFound: -32011,
  PoolExhausted: -32012,
  DatabaseLocked: -32013,
  DatabaseUnavailable: -32014,
  InvalidConfig: -32015,
  ProtocolVersionMismatch: -32016,
  Conflict: -32017,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

export type ErrorData = Record<string, unknown>;

/** An error meant for the client: thrown anywhere in a handler, sent as-is. */
export class RpcError extends ResponseError<ErrorData | undefined> {
  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    data?: ErrorData,
  ) {
    super(ErrorCode[codeName], message, data === undefined ? undefined : { error: codeName, ...data });
    // ResponseError's constructor pins its own prototype, which would make `instanceof RpcError` always false.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
