// `vutf worker` as a real process, for team-mode tests: its log (stderr) is kept, and it can be stopped gracefully
// or killed with -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, makeTempEnv, waitFor } from './daemonHarness';

export class WorkerHarness {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });
  }

  /** A worker in its own temp dirs (its own state, as on another host), on the team's database. */
  static async start(env: Record<string, string>, concurrency: number): Promise<WorkerHarness> {
    const temp = makeTempEnv(env);
    const child = spawn(process.execPath, [CLI, 'worker', '--concurrency', String(concurrency)], {
      env: temp.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerHarness(child);
    await waitFor('the worker to start taking chunks', () => {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${worker.log}`);
      return worker.log.includes('taking chunks') ? true : undefined;
    });
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get log(): string {
    return this.output.join('');
  }

  /** Chunks this worker logged as finished. */
  get finishedChunks(): number {
    return (this.log.match(/: finished chunk /g) ?? []).length;
  }

  kill9(): Promise<number | null> {
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** SIGTERM: a graceful stop, which releases what it holds. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
