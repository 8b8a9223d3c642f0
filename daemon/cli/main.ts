import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, stateDirFrom } from '../config';
import { readSecret } from '../../client/secret';
import { mintToken } from '../../protocol/token';
import { parseTtl } from '../auth/token';
import { connectToDaemon, defaultUsername, probeDaemon } from '../../client/locateDaemon';
import { spawnDaemon } from '../../client/spawnDaemon';
import { type DaemonConnection } from '../../client/daemonConnection';
import { readDiscovery } from '../../client/discovery';
import { isProcessAlive } from '../../client/processAlive';
import { runDaemonFromCommandLine } from '../lifecycle/daemonCommand';
import { DAEMON_VERSION } from '../../protocol/version';
import { CliFailure, formatDebugInfo, formatHealth, printJson } from './output';
import { addOrchestratorCommands } from './orchestratorCommands';
import { addExportCommand } from './exportCommand';
import { addImportPyritCommand } from './importPyritCommand';
import { addDemoCommand } from './demoCommand';
import { addWorkerCommand } from './workerCommand';
import { addReportCommand } from './reportCommand';
import { addFindingCommands } from './findingCommands';
import { safeText } from './oneLine';
import { setTimeout as delay } from 'node:timers/promises';

function stateDir(): string {
  return stateDirFrom(process.env);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliFailure(`--port ${value} is not a port number (0-65535).`, 2);
  return port;
}

async function withDaemon<T>(
  username: string | undefined,
  use: (connection: DaemonConnection) => Promise<T>,
): Promise<T> {
  const connection = await connectToDaemon({
    stateDir: stateDir(),
    username,
    client: { name: 'vutf-cli', version: DAEMON_VERSION },
  });
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

const userOption = () => new Option('--user <name>', 'the red-team user to act as (default: your OS user name)');

export function buildProgram(): Command {
  const program = new Command('vutf')
    .description('ViolentUTF Orchestrators: drive the local red-teaming daemon.')
    .version(DAEMON_VERSION)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  addWorkerCommand(program);
  const daemon = program.command('daemon').description('start, stop and inspect the background daemon');
  daemon
    .command('run')
    .description(
      'run the daemon in the foreground until Ctrl+C (no idle shutdown unless VUTF_IDLE_SHUTDOWN_MINUTES is set)',
    )
    .addOption(new Option('--port <port>', 'TCP port on 127.0.0.1 (default: any free port)').argParser(parsePort))
    .option(
      '--demo',
      'once listening, run the bundled benign demo against this daemon (echo + a scripted local chat model)',
    )
    .action(async (options: { port?: number; demo?: boolean }) =>
      runDaemonFromCommandLine([], { port: options.port ?? 0, foreground: true, demo: options.demo }),
    );
  daemon
    .command('start')
    .description('start the daemon in the background, or report the one already running')
    .addOption(new Option('--port <port>', 'TCP port on 127.0.0.1 (default: any free port)').argParser(parsePort))
    .action(async (options: { port?: number }) => {
      const result = await spawnDaemon({
        stateDir: stateDir(),
        daemonScript: path.join(__dirname, 'daemon.js'),
        port: options.port,
      });
      const { pid, port } = result.discovery;
      process.stdout.write(
        result.alreadyRunning
          ? `A daemon is already running: pid ${pid}, port ${port}.\n`
          : `Daemon started: pid ${pid}, port ${port}. Log: ${result.logFile}\n`,
      );
    });
  daemon
    .command('stop')
    .description('stop the running daemon gracefully')
    .action(async () => {
      const discovery = readDiscovery(stateDir());
      if (!discovery || !isProcessAlive(discovery.pid)) {
        process.stdout.write('No daemon is running.\n');
        return;
      }
      try {
        await withDaemon(undefined, (connection) => connection.request('daemon/shutdown'));
      } catch {
        // It does not answer: ask the OS instead. SIGTERM still runs the graceful path.
        process.kill(discovery.pid, 'SIGTERM');
      }
      const deadline = Date.now() + 15_000;
      while (isProcessAlive(discovery.pid)) {
        if (Date.now() > deadline) throw new CliFailure(`The daemon (pid ${discovery.pid}) did not stop within 15 s.`);
        await delay(50);
      }
      process.stdout.write(`Daemon stopped (pid ${discovery.pid}).\n`);
    });
  daemon
    .command('status')
    .description('say whether a daemon is running (exit 3 when none is)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const running = await probeDaemon(stateDir());
      if (options.json) printJson(running ? { running: true, ...running } : { running: false });
      else if (running)
        process.stdout.write(
          `Running: pid ${running.pid}, port ${running.port}, version ${running.version}, since ${running.started_at}.\n`,
        );
      else process.stdout.write('Not running.\n');
      if (!running) process.exitCode = 3;
    });

  program
    .command('token')
    .description('print a daemon token for another program (Python, curl, …)')
    .addOption(userOption().makeOptionMandatory())
    .option('--ttl <duration>', 'lifetime, e.g. 90s, 30m, 1h (at most 12h)', '1h')
    .action((options: { user: string; ttl: string }) => {
      let ttl: number;
      try {
        ttl = parseTtl(options.ttl);
      } catch (error) {
        throw new CliFailure((error as Error).message, 2);
      }
      process.stdout.write(`${mintToken(readSecret(stateDir()), options.user, ttl)}\n`);
    });

  program
    .command('health')
    .description('show pool, database and daemon health (exit 1 when status is error)')
    .addOption(userOption())
    .option('--json', 'print the health/get result as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const health = await withDaemon(options.user, (connection) => connection.request('health/get'));
      if (options.json) printJson(health);
      else process.stdout.write(`${formatHealth(health)}\n`);
      if (health.status === 'error') process.exitCode = 1;
    });

  program
    .command('debug-info')
    .description('show who the daemon thinks you are and where your memory file is')
    .addOption(userOption())
    .option('--json', 'print the debug/info result as JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const info = await withDaemon(options.user ?? defaultUsername(), (connection) =>
        connection.request('debug/info'),
      );
      if (options.json) printJson(info);
      else process.stdout.write(`${formatDebugInfo(info)}\n`);
    });

  addOrchestratorCommands(program, withDaemon, userOption);
  addExportCommand(program, withDaemon, userOption);
  addReportCommand(program, withDaemon, userOption);
  addFindingCommands(program, withDaemon, userOption);
  addImportPyritCommand(program, withDaemon, userOption);
  addDemoCommand(program, withDaemon, userOption);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help or the usage error.
      process.exitCode = error.exitCode;
      return;
    }
    const exitCode = error instanceof CliFailure ? error.exitCode : error instanceof ConfigError ? 2 : 1;
    // A failure may quote what a target or the daemon said (a run's error, a server's reply): never raw.
    const message = safeText((error as Error).message.split('\n')[0]);
    process.stderr.write(`vutf: ${message}\n`);
    process.exitCode = exitCode;
  }
}

void main(process.argv);
