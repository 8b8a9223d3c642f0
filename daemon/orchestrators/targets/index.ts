export type {
  ChatMessage,
  ChatRole,
  PromptTarget,
  ResponseError,
  TargetIdentifier,
  TargetRequest,
  TargetResponse,
} from './promptTarget';
export {
  echoTargetSchema,
  httpTargetSchema,
  openAiChatTargetSchema,
  processTargetSchema,
  targetSpecSchema,
  type TargetSpec,
  type TargetSpecInput,
  type TargetType,
} from '../../../config/targetSpec';
export { createTarget, type TargetContext } from './createTarget';
export { defaultTargetTuning, type TargetTuning } from './targetTuning';
export { AbortError, isAbortError } from './abort';
export { publicEndpoint, pyritTargetIdentifiers, violentutfTargetIdentifiers } from './targetIdentifiers';
