import { z } from 'zod';
import { notifications, requests } from './methods';
import { PROTOCOL_VERSION, SUBPROTOCOL } from './version';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/**
 * A language-neutral description of the protocol, like the Chrome DevTools Protocol's JSON: clients in other
 * languages generate their types from it. Deterministic, so the committed copy can be checked for drift.
 */
export function protocolJsonSchema(): JsonSchema {
  const methods: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(requests)) {
    methods[name] = {
      summary: spec.summary,
      params: toSchema(spec.params, 'input'),
      result: toSchema(spec.result, 'output'),
    };
  }
  const pushed: Record<string, JsonSchema> = {};
  for (const [name, spec] of Object.entries(notifications)) {
    pushed[name] = { summary: spec.summary, params: toSchema(spec.params, 'output') };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'ViolentUTF Orchestrators daemon protocol',
    protocol_version: PROTOCOL_VERSION,
    subprotocol: SUBPROTOCOL,
    transport: 'JSON-RPC 2.0, one message per WebSocket text frame',
    requests: methods,
    notifications: pushed,
  };
}

export function protocolJsonSchemaText(): string {
  return `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`;
}
