import { z } from 'zod';
import { modelPriceSchema } from './modelPrice';

/** http(s) only: `localhost:11434` without a scheme would otherwise pass as a URL with scheme "localhost". */
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

const envVarName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, e.g. OPENAI_API_KEY')
  .describe(
    'Name of an environment variable of the daemon that holds the API key. The key itself never goes in a config.',
  );

const secretName = z
  .string()
  .min(1)
  .max(200)
  .describe(
    'Name of a secret the client passes with executions/start (VS Code: "Set Target API Key"). Held in memory for that run only.',
  );

/** Reliability knobs every remote target shares. */
const reliability = {
  timeout_s: z.number().positive().max(3600).default(60).describe('Per-request timeout in seconds.'),
  max_retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(3)
    .describe('Retries on 429, 5xx, timeouts and network errors, with exponential backoff and jitter.'),
  max_requests_per_minute: z
    .number()
    .positive()
    .optional()
    .describe(
      'Client-side rate limit for this target, retries included; requests are spaced evenly rather than sent in bursts.',
    ),
};

/** 4 MiB: a long chat answer is tens of KiB; a reply this big is a broken or hostile model. */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** The cap on one reply, for every target that reads a reply from somewhere else. */
const replyLimit = {
  max_response_bytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_MAX_RESPONSE_BYTES)
    .describe(
      'Longest reply read, in bytes (default 4 MiB); a longer one is cut off and stored as an error. A process target counts one reply line.',
    ),
};

const credentials = {
  api_key_env: envVarName.optional(),
  api_key_secret: secretName.optional(),
  api_key_header: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'an HTTP header name, e.g. Authorization or api-key')
    .default('Authorization')
    .describe(
      'Header that carries the key; "Authorization" gets a "Bearer " prefix, any other (Azure: "api-key") the bare key.',
    ),
};

/** A key has one source: with both named, which one a run used would depend on which happened to be set. */
function oneKeySource(spec: { api_key_env?: string; api_key_secret?: string }, context: z.RefinementCtx): void {
  if (spec.api_key_env !== undefined && spec.api_key_secret !== undefined) {
    context.addIssue({
      code: 'custom',
      path: ['api_key_secret'],
      message: 'Name the key in api_key_env or in api_key_secret, not both.',
    });
  }
}

export const openAiChatTargetSchema = z
  .strictObject({
    type: z.literal('openai_chat').describe('An OpenAI-compatible chat completions endpoint (PyRIT OpenAIChatTarget).'),
    endpoint: httpUrl.describe(
      'Full URL of an OpenAI-compatible chat completions endpoint, e.g. http://127.0.0.1:11434/v1/chat/completions.',
    ),
    model: z.string().min(1).describe('Model name sent as "model".'),
    ...credentials,
    temperature: z.number().min(0).max(2).optional().describe('Sampling temperature; left to the server when not set.'),
    max_tokens: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Longest answer, in tokens; left to the server when not set.'),
    top_p: z.number().min(0).max(1).optional().describe('Nucleus sampling; left to the server when not set.'),
    seed: z.number().int().optional().describe('Asks the server for reproducible sampling, where it supports that.'),
    system_prompt: z
      .string()
      .optional()
      .describe(
        'Sent as the first message with role "system", unless the request brings its own (a judge or an attacker does).',
      ),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .describe('Extra HTTP headers (not for keys: use api_key_env).'),
    extra_body: z.record(z.string(), z.unknown()).optional().describe('Extra fields merged into the request body.'),
    price: modelPriceSchema.optional(),
    ...reliability,
    ...replyLimit,
  })
  .superRefine(oneKeySource)
  .describe('Any OpenAI-compatible /v1/chat/completions endpoint: OpenAI, Azure, Ollama, vLLM, llama.cpp.');

export const httpTargetSchema = z
  .strictObject({
    type: z.literal('http').describe('Any HTTP JSON API (PyRIT HTTPTarget).'),
    url: httpUrl.describe(
      'Where to send the request. With GET, {{prompt}} in the URL is replaced by the URL-encoded prompt.',
    ),
    method: z.enum(['POST', 'PUT', 'GET']).default('POST').describe('HTTP method; GET sends no body.'),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('HTTP headers (not for keys: use api_key_env). Content-Type defaults to application/json.'),
    body_template: z
      .string()
      .default('{"prompt": {{prompt}}}')
      .describe(
        'Request body; {{prompt}} is replaced by the prompt as a JSON string literal (quotes included), so write {"input": {{prompt}}}, not "{{prompt}}".',
      ),
    response_path: z
      .string()
      .min(1)
      .describe('Dot path to the response text in the JSON reply, e.g. "choices.0.message.content".'),
    ...credentials,
    ...reliability,
    ...replyLimit,
  })
  .superRefine(oneKeySource)
  .describe('Any HTTP JSON API: a body template with {{prompt}} and a path to the answer.');

export const processTargetSchema = z
  .strictObject({
    type: z.literal('process').describe('A local program speaking JSON lines on stdin/stdout.'),
    command: z.string().min(1).describe('Executable to spawn once per pooled instance.'),
    args: z.array(z.string()).default([]).describe('Arguments passed to the command.'),
    cwd: z.string().optional().describe('Working directory, relative to the config file.'),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe("Environment variables added to the daemon's for the program."),
    ...reliability,
    ...replyLimit,
  })
  .describe(
    'Any program speaking JSON lines on stdio: {"id","prompt","conversation_id"} (plus "history" in multi-turn runs) in, {"id","response"} or {"id","error"} out, answered in any order.',
  );

export const echoTargetSchema = z
  .strictObject({
    type: z.literal('echo').describe('Echoes the prompt back.'),
    prefix: z.string().default('').describe('Prepended to each echoed prompt.'),
    delay_ms: z.number().int().min(0).max(60_000).default(0).describe('Simulated latency.'),
  })
  .describe('Answers with the prompt itself: for demos and tests, no network.');

export const targetSpecSchema = z
  .discriminatedUnion('type', [openAiChatTargetSchema, httpTargetSchema, processTargetSchema, echoTargetSchema])
  .describe('Where prompts are sent.');

export type TargetSpecInput = z.input<typeof targetSpecSchema>;
export type TargetSpec = z.output<typeof targetSpecSchema>;
export type TargetType = TargetSpec['type'];
