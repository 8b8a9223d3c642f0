import { connectToDaemon } from '../../client/locateDaemon';
import { stateDirFrom } from '../config';
import { DAEMON_VERSION } from '../../protocol/version';
import { BUNDLED_EXAMPLES_DIR } from './bundledExamples';
import { runDemo } from './runDemo';

/**
 * `vutf daemon run --demo`: once the daemon listens, it runs the demo as its own client, over the same
 * discovery file, token and WebSocket any client uses, so the demo proves the path a user takes. A failing demo
 * is reported and leaves the daemon serving.
 */
export async function runDemoAgainstOwnDaemon(
  env: Record<string, string | undefined>,
  write: (text: string) => void,
): Promise<void> {
  try {
    const connection = await connectToDaemon({
      stateDir: stateDirFrom(env),
      client: { name: 'vutf-demo', version: DAEMON_VERSION },
    });
    try {
      await runDemo(connection, { examplesDir: BUNDLED_EXAMPLES_DIR, write, cliName: 'node dist/cli.js' });
    } finally {
      connection.close();
    }
  } catch (error) {
    write(`vutf: the demo failed: ${(error as Error).message.split('\n')[0]}\n`);
  }
}
