// @vscode/test-cli: the same mocha suite as `npm run test:editor` (dist/test/editor/suite/*.e2e.js), run through
// @vscode/test-electron in a desktop VS Code — where one can be had. Here (no Microsoft download), name an
// installed one: VSCODE_EXECUTABLE=/path/to/code npx vscode-test. Build first: npm run build:extension.
// Like the code-server harness, it keeps every file the run writes (state dir, memory, user data) in a temp dir.
import { defineConfig } from '@vscode/test-cli';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-electron-'));
const workspace = path.join(root, 'ws');
fs.mkdirSync(workspace, { recursive: true });
fs.cpSync('examples', path.join(workspace, 'examples'), {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}python`),
});
if (fs.existsSync('docs/orchestrator.schema.json')) {
  fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });
  fs.copyFileSync('docs/orchestrator.schema.json', path.join(workspace, 'docs', 'orchestrator.schema.json'));
}

export default defineConfig({
  label: 'editor',
  files: 'dist/test/editor/suite/*.e2e.js',
  extensionDevelopmentPath: '.',
  workspaceFolder: workspace,
  ...(process.env.VSCODE_EXECUTABLE
    ? { useInstallation: { fromPath: process.env.VSCODE_EXECUTABLE } }
    : { version: 'stable' }),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(root, 'user-data')],
  env: {
    VUTF_STATE_DIR: path.join(root, 'state'),
    VIOLENTUTF_MEMORY_DIR: path.join(root, 'memory'),
    XDG_STATE_HOME: path.join(root, 'xdg-state'),
    XDG_DATA_HOME: path.join(root, 'xdg-data'),
    // The daemon the window spawns is detached; with no client left it stops itself after this long.
    VUTF_IDLE_SHUTDOWN_MINUTES: '1',
    VUTF_EDITOR_FRESH_STATE: '1',
  },
  mocha: { ui: 'tdd', timeout: 120_000 },
});
