// Security figures. `security.redos_health_delay_ms`: the slowest `health/get` round trip of one user while another
// user's run scores hostile answers with a pattern that backtracks exponentially in RegExp (`(a+)+$` against long
// runs of "a" ending in "!"). With the linear-time engine it stays near an idle round trip, measured alongside.
import { DaemonHarness } from '../test/helpers/daemonHarness';
import { median, round } from './procStats';

const PROMPTS = 200;
const ANSWER_LENGTH = 10_000;
const IDLE_ROUND_TRIPS = 200;

async function timedMs(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

export async function runSecurityBench(): Promise<Record<string, number>> {
  const daemon = await DaemonHarness.start();
  try {
    const attacker = await daemon.connect('mallory');
    const bystander = await daemon.connect('bystander');
    const health = () => bystander.request('health/get');
    const idle: number[] = [];
    for (let index = 0; index < IDLE_ROUND_TRIPS; index++) idle.push(await timedMs(health));

    const orchestrator = await attacker.request('orchestrators/create', {
      name: 'redos bench',
      orchestrator_type: 'prompt_sending',
      // The echo target answers with the prompt, so the prompts are the hostile answers.
      parameters: { objective_target: { type: 'echo' }, scorers: [{ type: 'regex', pattern: '(a+)+$' }] },
    });
    const hostile = Array.from({ length: PROMPTS }, (_, index) => `${'a'.repeat(ANSWER_LENGTH + index)}!`);
    const { execution_id: executionId } = await attacker.request('executions/start', {
      orchestrator_id: orchestrator.id,
      execution_type: 'prompt_list',
      input_data: { prompt_list: hostile },
    });
    const during: number[] = [];
    for (;;) {
      during.push(await timedMs(health));
      const execution = await attacker.request('executions/get', { execution_id: executionId });
      if (execution.status !== 'running') break;
    }
    attacker.close();
    bystander.close();
    return {
      'security.redos_health_delay_ms': round(Math.max(...during), 2),
      'security.idle_health_ms': round(median(idle), 3),
    };
  } finally {
    await daemon.stop();
  }
}
