import { redactorFor } from './apiKey';
import type { FinalOutcome } from './attemptOutcome';
import { credentialHeaders } from './credentialHeaders';
import { disposedError } from './disposedError';
import { exchange, type HttpRequest } from './httpExchange';
import type { PromptTarget, TargetIdentifier, TargetRequest } from './promptTarget';
import { replyLimitFor } from './replyLimit';
import { retryPolicyFor, type ReliabilityFields } from './retryPolicy';
import { sendWithRetries } from './sendWithRetries';
import type { TargetTuning } from './targetTuning';

/**
 * The config fields every target that calls an HTTP API has: config/targetSpec.ts `credentials`, `reliability`
 * and `replyLimit`.
 */
export interface RemoteTargetFields extends ReliabilityFields {
  readonly api_key_header: string;
  readonly max_response_bytes: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What sets one HTTP API apart from another: how a prompt becomes a request, and a 2xx reply an answer. */
export interface RemoteApi {
  readonly identifier: TargetIdentifier;
  /** Under the config's own headers, which a user may need to override, and the key's, which win over both. */
  readonly defaultHeaders: Readonly<Record<string, string>>;
  requestFor(request: TargetRequest): Omit<HttpRequest, 'headers'>;
  readReply(bodyText: string): FinalOutcome;
}

/**
 * A target behind an HTTP API: the key in its header and out of every error message, and one retry policy — so
 * one rate limiter — for the instance, every send going through it.
 */
export function createRemoteTarget(
  api: RemoteApi,
  spec: RemoteTargetFields,
  apiKey: string | undefined,
  tuning: TargetTuning,
): PromptTarget {
  const { identifier } = api;
  const headers = { ...api.defaultHeaders, ...spec.headers, ...credentialHeaders(spec.api_key_header, apiKey) };
  const policy = retryPolicyFor(
    spec,
    tuning,
    redactorFor(apiKey),
    `${identifier.endpoint ?? ''}|${identifier.model_name ?? ''}`,
  );
  const limit = replyLimitFor(spec, tuning);
  let disposed = false;
  return {
    identifier,
    async send(request) {
      if (disposed) throw disposedError(identifier);
      const httpRequest = { ...api.requestFor(request), headers };
      return sendWithRetries(
        async (signal) => {
          const result = await exchange(httpRequest, signal, limit);
          return result.ok ? api.readReply(result.reply.bodyText) : result.outcome;
        },
        policy,
        request.signal,
      );
    },
    async dispose() {
      disposed = true;
    },
  };
}
