import type { z } from 'zod';
import { answered, excerpt, failed, type FinalOutcome } from './attemptOutcome';
import type { PromptTarget } from './promptTarget';
import { renderBodyTemplate, renderUrlTemplate } from './promptTemplate';
import { createRemoteTarget, type RemoteApi } from './remoteTarget';
import { responseText, valueAtPath } from './responsePath';
import { publicEndpoint, pyritTargetIdentifiers } from './targetIdentifiers';
import type { httpTargetSchema } from '../../../config/targetSpec';
import type { TargetTuning } from './targetTuning';

export type HttpTargetSpec = z.output<typeof httpTargetSchema>;

/** Any HTTP JSON API (PyRIT HTTPTarget): a body template with {{prompt}} and a dot path to the answer. */
export function createHttpTarget(spec: HttpTargetSpec, apiKey: string | undefined, tuning: TargetTuning): PromptTarget {
  const hasContentType = Object.keys(spec.headers).some((name) => name.toLowerCase() === 'content-type');
  const api: RemoteApi = {
    identifier: { ...pyritTargetIdentifiers.http, endpoint: publicEndpoint(spec.url) },
    defaultHeaders: spec.method === 'GET' || hasContentType ? {} : { 'content-type': 'application/json' },
    requestFor: ({ prompt }) => ({
      url: renderUrlTemplate(spec.url, prompt),
      method: spec.method,
      // fetch refuses a body on GET; such APIs take the prompt in the URL instead.
      body: spec.method === 'GET' ? undefined : renderBodyTemplate(spec.body_template, prompt),
    }),
    readReply: (bodyText) => readHttpReply(bodyText, spec.response_path),
  };
  return createRemoteTarget(api, spec, apiKey, tuning);
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
