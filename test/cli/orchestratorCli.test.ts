import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DaemonHarness, REPO_ROOT } from '../helpers/daemonHarness';
import type { ResultOf } from '../../protocol/methods';
import { forwardedSecrets } from '../../daemon/cli/forwardedSecrets';
import { outcomeHeadline } from '../../domain/runFigures';
import { OUTCOME_LABELS } from '../../domain/attackOutcome';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ECHO_EXAMPLE = path.join(REPO_ROOT, 'examples', 'echo-basics.orchestrator.json');

describe('vutf launch / list / status / results / resume / clear-cache', () => {
  let daemon: DaemonHarness;
  before(async () => {
    daemon = await DaemonHarness.start();
  });
  after(() => daemon.stop());

  it('launches the echo example, waits, and prints the execution as executions/get returns it', () => {
    const launch = daemon.cli(['launch', ECHO_EXAMPLE, '--wait', '--json', '--user', 'erin']);
    assert.equal(launch.status, 0, launch.stderr);
    const execution = JSON.parse(launch.stdout) as ResultOf<'executions/get'>;
    assert.equal(execution.status, 'completed');
    assert.equal(execution.orchestrator_name, 'echo basics');
    assert.equal(execution.progress.completed, execution.progress.total);
    assert.ok(execution.progress.total >= 10);
    // A believable first run: the echo repeats the three prompts that ask for the canary word, not the others.
    assert.deepEqual(execution.figures.outcomes, { success: 3, failure: 9, error: 0, undetermined: 0 });

    // A second launch of the same file updates the orchestrator by name instead of making another.
    assert.equal(daemon.cli(['launch', ECHO_EXAMPLE, '--wait', '--user', 'erin']).status, 0);
    const list = JSON.parse(daemon.cli(['list', '--json', '--user', 'erin']).stdout) as {
      orchestrators: { name: string }[];
    };
    assert.deepEqual(
      list.orchestrators.map((item) => item.name),
      ['echo basics'],
    );

    // Every place that shows the run leads with its headline, read from the daemon's figures.
    const headline = outcomeHeadline(execution.figures.outcomes, { planned: execution.progress.total });
    const status = daemon.cli(['status', execution.execution_id, '--user', 'erin']);
    assert.equal(status.status, 0, status.stderr);
    assert.match(
      status.stdout,
      new RegExp(`^${escape(headline)}\n  execution ${execution.execution_id} of "echo basics": completed\n  time: `),
    );
    const listed = daemon.cli(['list', '--user', 'erin']);
    assert.match(
      listed.stdout,
      /^[0-9a-f-]{36} {2}echo basics {2}\[prompt_sending\] {2}completed: .+ · 12 prompts \(execution [0-9a-f-]{36}\)\n$/,
    );
    const results = JSON.parse(daemon.cli(['results', execution.execution_id, '--json', '--user', 'erin']).stdout) as {
      total: number;
      items: ResultOf<'results/list'>['items'];
      summary: ResultOf<'results/summary'>;
    };
    assert.equal(results.total, execution.progress.total);
    assert.equal(results.summary.total.prompts, execution.progress.total);
    assert.deepEqual(results.summary.total.outcomes, execution.figures.outcomes);
    const text = daemon.cli(['results', execution.execution_id, '--limit', '2', '--user', 'erin']).stdout;
    assert.match(text, new RegExp(`^${escape(headline)}\n`));
    assert.match(text, /2 of \d+ shown/);
    const first = results.items[0];
    assert.match(text, new RegExp(`\n• \\[${OUTCOME_LABELS[first.outcome]}\\] `));
    assert.match(text, new RegExp(`\n    reason: .+\n    id:     ${first.attack_result_id}\n`));
  });

  it('another user sees none of it', () => {
    const list = JSON.parse(daemon.cli(['list', '--json', '--user', 'frank']).stdout) as { orchestrators: unknown[] };
    assert.deepEqual(list.orchestrators, []);
  });

  it('one file, one orchestrator: a second file with the same name is refused naming both files', () => {
    const write = (file: string, name: string, prompt: string) => {
      fs.writeFileSync(
        file,
        JSON.stringify({
          name,
          orchestrator_type: 'prompt_sending',
          parameters: { objective_target: { type: 'echo' } },
          input: { prompt_list: [prompt] },
        }),
      );
      return fs.realpathSync(file);
    };
    const first = write(path.join(daemon.root, 'keyed-a.orchestrator.json'), 'keyed', 'from a');
    const second = write(path.join(daemon.root, 'keyed-b.orchestrator.json'), 'keyed', 'from b');
    assert.equal(daemon.cli(['launch', first, '--wait', '--user', 'ivy']).status, 0);
    const refused = daemon.cli(['launch', second, '--wait', '--user', 'ivy']);
    assert.equal(refused.status, 1);
    assert.ok(refused.stderr.includes(first) && refused.stderr.includes(second), refused.stderr);
    // The same file through a symlink is the same orchestrator, updated in place.
    const link = path.join(daemon.root, 'keyed-link.orchestrator.json');
    fs.symlinkSync(first, link);
    assert.equal(daemon.cli(['launch', link, '--wait', '--user', 'ivy']).status, 0);
    const list = JSON.parse(daemon.cli(['list', '--json', '--user', 'ivy']).stdout) as {
      orchestrators: { name: string; config_file: string | null }[];
    };
    assert.deepEqual(
      list.orchestrators.map((item) => [item.name, item.config_file]),
      [['keyed', first]],
    );
  });

  it('exits non-zero with a one-line reason for an invalid config file', () => {
    const bad = path.join(daemon.root, 'bad.orchestrator.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        name: 'bad',
        orchestrator_type: 'prompt_sending',
        parameters: { objective_target: { type: 'echo' }, batch_size: 0 },
        input: { prompt_list: ['x'] },
      }),
    );
    const result = daemon.cli(['launch', bad]);
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /batch_size/);
  });

  it('resume of a completed execution is refused with a reason', () => {
    const launch = JSON.parse(daemon.cli(['launch', ECHO_EXAMPLE, '--json', '--wait', '--user', 'gina']).stdout) as {
      execution_id: string;
    };
    const resume = daemon.cli(['resume', launch.execution_id, '--user', 'gina']);
    assert.equal(resume.status, 1);
    assert.match(resume.stderr, /completed; there is nothing left to send/);
  });

  it('documents the options and commands of protocol 2.0 in --help', () => {
    assert.match(daemon.cli(['launch', '--help']).stdout, /--max-error-rate <share>/);
    assert.match(daemon.cli(['launch', '--help']).stdout, /"attack_success_rate >\s+0\.10"/);
    assert.match(daemon.cli(['resume', '--help']).stdout, /--retry-errors/);
    assert.match(daemon.cli(['label', '--help']).stdout, /--jailbroken[\s\S]*--held[\s\S]*--note <text>/);
    assert.match(daemon.cli(['unlabel', '--help']).stdout, /Usage: vutf unlabel \[options\] <execution-id> <result>/);
  });

  it('clear-cache reports what it closed', () => {
    daemon.cli(['launch', ECHO_EXAMPLE, '--wait', '--user', 'hal']);
    const result = JSON.parse(daemon.cli(['clear-cache', '--json', '--user', 'hal']).stdout) as { closed: string[] };
    assert.equal(result.closed.length, 1);
    assert.match(result.closed[0], /pyrit_memory_[0-9a-f]{16}\.db$/);
  });
});

describe('forwardedSecrets', () => {
  it('forwards only the variables the config names in api_key_env', () => {
    const parameters = {
      objective_target: { type: 'openai_chat', api_key_env: 'MY_KEY' },
      scorers: [{ chat_target: { api_key_env: 'JUDGE_KEY' } }, { chat_target: { api_key_env: 'UNSET' } }],
    };
    assert.deepEqual(forwardedSecrets(parameters, { MY_KEY: 'a', JUDGE_KEY: 'b', OTHER: 'c' }), {
      'env:MY_KEY': 'a',
      'env:JUDGE_KEY': 'b',
    });
  });
});
