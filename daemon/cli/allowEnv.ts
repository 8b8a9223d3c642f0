import readline from 'node:readline/promises';
import type { Command } from 'commander';
import type { EnvSecretRefusal } from '../../client/envAllowance';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `--allow-env NAME` on launch and resume: the user's yes, given in advance, for that variable to the config's hosts. */
export function addAllowEnvOption(command: Command): Command {
  return command.option(
    '--allow-env <name>',
    'let the daemon send this environment variable (api_key_env) to the host the config names for it, when that ' +
      'host is not this machine; remembered for your user (repeatable). On a terminal you are asked instead.',
    collect,
  );
}

/**
 * Whether to allow what the daemon refused (client/envAllowance.ts): yes when `--allow-env` named the variable,
 * else ask — but only a person at a terminal can answer; a pipe or a CI job gets the daemon's refusal, which says
 * how to allow it. What was allowed is said on stderr, so `--json` output stays clean.
 */
export function envAllowanceDecider(
  allowEnv: readonly string[] | undefined,
): (refusal: EnvSecretRefusal) => Promise<boolean> {
  return async ({ variable, host }) => {
    const allowed = allowEnv?.includes(variable) === true || (await askOnTerminal(variable, host));
    if (allowed) process.stderr.write(`Allowed ${variable} to be sent to ${host} (remembered for your user).\n`);
    return allowed;
  };
}

async function askOnTerminal(variable: string, host: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await prompt.question(
      `The config sends the environment variable ${variable} to ${host}, which is not this machine. Allow it? [y/N] `,
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}
