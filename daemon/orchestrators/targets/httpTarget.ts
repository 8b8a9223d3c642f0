import type { z } from 'zod';
import { redactorFor } from './apiKey';
import { answered, excerpt, failed, type FinalOutcome } from './attemptOutcome';
import { credentialHeaders } from './credentialHeaders';
import { disposedError } from './disposedError';
import { exchange } from './httpExchange';
import type { PromptTarget } from './promptTarget';
import { renderBodyTemplate, renderUrlTemplate } from './promptTemplate';
import { responseText, valueAtPath } from './responsePath';
import { retryPolicyFor } from './retryPolicy';
import { sendWithRetries } from './sendWithRetries';
import { publicEndpoint, pyritTargetIdentifiers } from './targetIdentifiers';
import type { httpTargetSchema } from '../../../config/targetSpec';
import type { TargetTuning } from './targetTuning';

export type HttpTargetSpec = z.output<typeof httpTargetSchema>;

/** Any HTTP JSON API (PyRIT HTTPTarget): a body template with {{prompt}} and a dot path to the answer. */
export function createHttpTarget(spec: HttpTargetSpec, apiKey: string | undefined, tuning: TargetTuning): PromptTarget {
  const identifier = { ...pyritTargetIdentifiers.http, endpoint: publicEndpoint(spec.url) };
  const hasContentType = Object.keys(spec.headers).some((name) => name.toLowerCase() === 'content-type');
  const headers = {
    ...(spec.method === 'GET' || hasContentType ? {} : { 'content-type': 'application/json' }),
    ...spec.headers,
    ...credentialHeaders(spec.api_key_header, apiKey),
  };
  const policy = retryPolicyFor(spec, tuning, redactorFor(apiKey));
  let disposed = false;
  return {
    identifier,
    async send(request) {
      if (disposed) throw disposedError(identifier);
      const url = renderUrlTemplate(spec.url, request.prompt);
      // fetch refuses a body on GET; such APIs take the prompt in the URL instead.
      const body = spec.method === 'GET' ? undefined : renderBodyTemplate(spec.body_template, request.prompt);
      return sendWithRetries(
        async (signal) => {
          const result = await exchange({ url, method: spec.method, headers, body }, signal);
          return result.ok ? readHttpReply(result.reply.bodyText, spec.response_path) : result.outcome;
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

export function readHttpReply(bodyText: string, responsePath: string): FinalOutcome {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return failed(`The reply is not JSON, so response_path "${responsePath}" cannot be followed: ${excerpt(bodyText)}`);
  }
  const lookup = valueAtPath(body, responsePath);
  if (!lookup.found) {
    return failed(
      `response_path "${responsePath}" does not match the reply: nothing at "${lookup.missing}". Reply: ${excerpt(bodyText)}`,
    );
  }
  return answered(responseText(lookup.value));
}
