import path from 'node:path';
import type { DaemonConnection } from '../../client/daemonConnection';
import { followExecution } from '../../client/executionFollower';
import type { Execution } from '../../client/executionStatus';
import type { JsonObject } from '../memory';
import { readOrchestratorFile, type OrchestratorFile } from '../../config/readOrchestratorFile';
import { startDemoModel } from './demoModel';
import { executionInput, startExecution } from '../../client/startExecution';
import { outcomeHeadline } from '../../domain/runFigures';

/**
 * The bundled benign demo, run the way any client runs orchestrators (orchestrators/create|update, then
 * executions/start over the protocol): the offline echo example, and a chat run against a scripted local model
 * so the results panel shows real HTTP answers, a refusal and scorer hits. Used by `vutf demo` and
 * `vutf daemon run --demo` alike.
 */

export const DEMO_FILES = ['echo-basics.orchestrator.json', 'demo-chat.orchestrator.json'] as const;

export interface DemoRun {
  name: string;
  execution: Execution;
}

export interface DemoOptions {
  examplesDir: string;
  /** Where the narration goes (stdout for the CLI and for `daemon run --demo`). */
  write: (text: string) => void;
  /** How the printed hints name the CLI (`vutf`, or `node dist/cli.js` before `npm link`). */
  cliName?: string;
  timeoutMs?: number;
}

/** Same rule as `vutf launch`: the config's name identifies the orchestrator, so a second demo updates, not duplicates. */
async function upsert(connection: DaemonConnection, config: OrchestratorFile, parameters: JsonObject): Promise<string> {
  const existing = (await connection.request('orchestrators/list')).orchestrators.find(
    (item) => item.name === config.name,
  );
  if (existing && existing.orchestrator_type === config.orchestrator_type) {
    return (await connection.request('orchestrators/update', { orchestrator_id: existing.id, parameters })).id;
  }
  // A same-named orchestrator of another type is the user's own: the demo leaves it alone under a distinct name.
  const name = existing ? `${config.name} (demo)` : config.name;
  return (
    await connection.request('orchestrators/create', { name, orchestrator_type: config.orchestrator_type, parameters })
  ).id;
}

async function waitForEnd(connection: DaemonConnection, executionId: string, deadline: number): Promise<Execution> {
  const late = new AbortController();
  const timer = setTimeout(
    () =>
      late.abort(
        new Error(`the demo run ${executionId} did not end in time; follow it with \`vutf status ${executionId}\`.`),
      ),
    Math.max(0, deadline - Date.now()),
  );
  try {
    return await followExecution(connection, executionId, { signal: late.signal });
  } finally {
    clearTimeout(timer);
  }
}

export async function runDemo(connection: DaemonConnection, options: DemoOptions): Promise<DemoRun[]> {
  const cli = options.cliName ?? 'vutf';
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const model = await startDemoModel();
  try {
    options.write(`ViolentUTF demo: a scripted local chat model is answering on ${model.endpoint}\n`);
    const started: { name: string; executionId: string }[] = [];
    for (const file of DEMO_FILES) {
      const config = await readOrchestratorFile(path.join(options.examplesDir, file));
      const parameters = JSON.parse(JSON.stringify(config.parameters)) as JsonObject;
      const target = parameters.objective_target;
      // The example's endpoint is a placeholder: the model's port is only known now.
      if (typeof target === 'object' && target !== null && !Array.isArray(target) && target.type === 'openai_chat')
        target.endpoint = model.endpoint;
      const orchestratorId = await upsert(connection, config, parameters);
      const executionId = await startExecution(connection, orchestratorId, executionInput(config));
      options.write(`  started "${config.name}" (${file}): execution ${executionId}\n`);
      started.push({ name: config.name, executionId });
    }
    const runs: DemoRun[] = [];
    for (const run of started)
      runs.push({ name: run.name, execution: await waitForEnd(connection, run.executionId, deadline) });
    options.write(describeDemo(runs, model.requests, cli));
    return runs;
  } finally {
    // The model only lives for the demo: resuming the chat run later fails to connect, which is expected.
    await model.close();
  }
}

function describeDemo(runs: DemoRun[], modelRequests: number, cli: string): string {
  const lines = ['', 'Demo finished:'];
  // Both demo configs are prompt_sending runs: their headlines count prompts.
  for (const { name, execution } of runs) {
    const headline = outcomeHeadline(execution.figures.outcomes, { planned: execution.progress.total });
    lines.push(`  ${execution.status} "${name}": ${headline}  (execution ${execution.execution_id})`);
  }
  const example = runs[runs.length - 1]?.execution.execution_id ?? 'EXECUTION_ID';
  lines.push(
    `  the demo model answered ${modelRequests} request(s).`,
    '',
    'Where to look:',
    `  ${cli} list                          your orchestrators and their latest runs`,
    `  ${cli} results ${example}   prompts, responses and scores`,
    `  ${cli} export ${example} --format csv --out demo-results.csv`,
    '  VS Code: the ViolentUTF view in the activity bar (tree, results, debug info); Help → Welcome has a walkthrough.',
    '',
  );
  return lines.join('\n');
}
