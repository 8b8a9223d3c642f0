import { redactorFor } from './apiKey';
import { credentialHeaders } from './credentialHeaders';
import { disposedError } from './disposedError';
import { exchange } from './httpExchange';
import { chatCompletionBody, type OpenAiChatTargetSpec } from './openAiChatRequest';
import { readChatCompletion } from './openAiChatReply';
import type { PromptTarget } from './promptTarget';
import { retryPolicyFor } from './retryPolicy';
import { sendWithRetries } from './sendWithRetries';
import { publicEndpoint, pyritTargetIdentifiers } from './targetIdentifiers';
import type { TargetTuning } from './targetTuning';

/** Any OpenAI-compatible /v1/chat/completions endpoint (PyRIT OpenAIChatTarget). */
export function createOpenAiChatTarget(
  spec: OpenAiChatTargetSpec,
  apiKey: string | undefined,
  tuning: TargetTuning,
): PromptTarget {
  const identifier = {
    ...pyritTargetIdentifiers.openAiChat,
    endpoint: publicEndpoint(spec.endpoint),
    model_name: spec.model,
  };
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...spec.headers,
    ...credentialHeaders(spec.api_key_header, apiKey),
  };
  const policy = retryPolicyFor(spec, tuning, redactorFor(apiKey));
  let disposed = false;
  return {
    identifier,
    async send(request) {
      if (disposed) throw disposedError(identifier);
      const body = JSON.stringify(chatCompletionBody(spec, request));
      return sendWithRetries(
        async (signal) => {
          const result = await exchange({ url: spec.endpoint, method: 'POST', headers, body }, signal);
          return result.ok ? readChatCompletion(result.reply.bodyText) : result.outcome;
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
