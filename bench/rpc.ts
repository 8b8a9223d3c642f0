// RPC figures: sequential health/get round trips through the real daemon (dist/cli.js), against the baseline of a
// bare `ws` JSON echo server in a child process answering a result of the same size. Both sides use the same
// raw `ws` client, so the ratio is what the daemon adds (auth'd session, dispatch, validation, the health work).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DaemonHarness } from '../test/helpers/daemonHarness';
import { median, percentile, round } from './procStats';
import { RawRpc } from './rawRpc';

const WARMUP = 500;
const ROUND_TRIPS = 3000;
/**
 * Daemon and echo are measured in alternating rounds while both run, so a burst of load from other jobs on this
 * shared machine hits both sides alike instead of skewing the ratio.
 */
const ROUNDS = 6;

async function timeRoundTrips(call: () => Promise<unknown>, count: number, into: number[]): Promise<void> {
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    await call();
    into.push(Number(process.hrtime.bigint() - started) / 1000);
  }
}

async function warm(call: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < WARMUP; index++) await call();
}

async function startEchoServer(result: unknown): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'echoServer.ts'), JSON.stringify(result)],
    {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(Number(line));
    });
    child.once('exit', (code) => reject(new Error(`echo server exited with ${code}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function runRpcBench(): Promise<Record<string, number>> {
  const daemon = await DaemonHarness.start();
  const daemonMicros: number[] = [];
  const echoMicros: number[] = [];
  const clientMicros: number[] = [];
  try {
    const rpc = await RawRpc.daemon(daemon.port, daemon.stateDir, 'bench');
    const health = await rpc.call('health/get');
    const echo = await startEchoServer(health);
    try {
      const echoRpc = await RawRpc.open(`ws://127.0.0.1:${echo.port}/`);
      const callDaemon = () => rpc.call('health/get');
      const callEcho = () => echoRpc.call('health/get');
      await warm(callDaemon);
      await warm(callEcho);
      for (let round = 0; round < ROUNDS; round++) {
        await timeRoundTrips(callDaemon, ROUND_TRIPS / ROUNDS, daemonMicros);
        await timeRoundTrips(callEcho, ROUND_TRIPS / ROUNDS, echoMicros);
      }
      await echoRpc.close();
    } finally {
      await echo.stop();
    }
    await rpc.close();
    // The typed client the extension and CLI use (vscode-jsonrpc): for reference, not the goal's figure.
    const typed = await daemon.connect('bench');
    const callTyped = () => typed.request('health/get');
    await warm(callTyped);
    await timeRoundTrips(callTyped, ROUND_TRIPS, clientMicros);
    typed.close();
  } finally {
    await daemon.stop();
  }
  const p50 = median(daemonMicros);
  const echoP50 = median(echoMicros);
  return {
    'rpc.p50_us': round(p50, 1),
    'rpc.p99_us': round(percentile(daemonMicros, 99), 1),
    'rpc.echo_p50_us': round(echoP50, 1),
    'rpc.echo_p99_us': round(percentile(echoMicros, 99), 1),
    'rpc.p50_ratio_vs_echo': round(p50 / echoP50, 2),
    'rpc.typed_client_p50_us': round(median(clientMicros), 1),
  };
}

if (require.main === module) {
  runRpcBench().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
