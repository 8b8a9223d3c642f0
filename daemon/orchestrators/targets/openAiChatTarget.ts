import { chatCompletionBody, type OpenAiChatTargetSpec } from './openAiChatRequest';
import { readChatCompletion } from './openAiChatReply';
import type { PromptTarget } from './promptTarget';
import { createRemoteTarget, type RemoteApi } from './remoteTarget';
import { publicEndpoint, pyritTargetIdentifiers } from './targetIdentifiers';
import type { TargetTuning } from './targetTuning';

/** Any OpenAI-compatible /v1/chat/completions endpoint (PyRIT OpenAIChatTarget). */
export function createOpenAiChatTarget(
  spec: OpenAiChatTargetSpec,
  apiKey: string | undefined,
  tuning: TargetTuning,
): PromptTarget {
  const api: RemoteApi = {
    identifier: {
      ...pyritTargetIdentifiers.openAiChat,
      endpoint: publicEndpoint(spec.endpoint),
      model_name: spec.model,
    },
    defaultHeaders: { 'content-type': 'application/json', accept: 'application/json' },
    requestFor: (request) => ({
      url: spec.endpoint,
      method: 'POST',
      body: JSON.stringify(chatCompletionBody(spec, request)),
    }),
    readReply: readChatCompletion,
  };
  return createRemoteTarget(api, spec, apiKey, tuning);
}
