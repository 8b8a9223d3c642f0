// The extension's part of package.json (main, activation, contributions, …), kept here as code so it can be
// re-applied after other edits to package.json: `node scripts/editor/manifest.mjs` rewrites only these keys and
// leaves everything else (dependencies, scripts, …) exactly as it is.
import fs from 'node:fs';
import path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const file = path.join(repo, 'package.json');

const category = 'ViolentUTF';
const command = (id, title, icon, extra = {}) => ({
  command: `violentutf.${id}`,
  title,
  category,
  ...(icon ? { icon: `$(${icon})` } : {}),
  ...extra,
});
const VIEW = 'violentutf.orchestrators';
const connected = 'violentutf.daemonState == connected';

export const manifest = {
  main: './dist/extension.js',
  extensionKind: ['workspace'],
  categories: ['Testing', 'Machine Learning', 'Other'],
  icon: 'media/icon.png',
  galleryBanner: { color: '#1f1f28', theme: 'dark' },
  // Commands and the view activate implicitly (VS Code ≥ 1.74); a workspace with configs activates to show ▶ Launch.
  activationEvents: ['workspaceContains:**/*.orchestrator.{json,yaml,yml}', `onView:${VIEW}`],
  contributes: {
    commands: [
      command('launchOrchestrator', 'Launch Orchestrator', 'play'),
      command('newOrchestratorConfig', 'New Orchestrator Config', 'new-file'),
      command('cancelExecution', 'Cancel Execution', 'debug-stop'),
      command('resumeExecution', 'Resume Execution', 'debug-continue'),
      command('showResults', 'Show Results', 'table'),
      command('compareExecutions', 'Compare Executions', 'diff'),
      command('deleteOrchestrator', 'Delete Orchestrator', 'trash'),
      command('clearCache', 'Clear Cache', 'clear-all'),
      command('showDebugInfo', 'Show Debug Info', 'pulse'),
      command('setTargetApiKey', 'Set Target API Key', 'key'),
      command('restartDaemon', 'Restart Daemon', 'debug-restart'),
      command('showLogs', 'Show Logs', 'output'),
      command('refreshOrchestrators', 'Refresh Orchestrators', 'refresh'),
    ],
    viewsContainers: {
      activitybar: [{ id: 'violentutf', title: 'ViolentUTF', icon: 'media/activity.svg' }],
    },
    views: {
      violentutf: [{ id: VIEW, name: 'Orchestrators', contextualTitle: 'ViolentUTF', icon: 'media/activity.svg' }],
    },
    viewsWelcome: [
      {
        view: VIEW,
        when: 'violentutf.daemonState == connecting || !violentutf.daemonState',
        contents: 'Connecting to the ViolentUTF daemon…',
      },
      {
        view: VIEW,
        when: 'violentutf.daemonState == down',
        contents:
          'The ViolentUTF daemon is not running, so orchestrators cannot be listed or launched.\n[Restart Daemon](command:violentutf.restartDaemon)\n[Show Logs](command:violentutf.showLogs)',
      },
      {
        view: VIEW,
        when: `${connected} && violentutf.orchestratorsState == unsupported`,
        contents:
          'This daemon does not run orchestrators yet (it answered "method not found"). Restart it to use the one bundled with this extension.\n[Restart Daemon](command:violentutf.restartDaemon)\n[Show Debug Info](command:violentutf.showDebugInfo)',
      },
      {
        view: VIEW,
        when: `${connected} && violentutf.orchestratorsState == error`,
        contents:
          'The orchestrators could not be listed.\n[Refresh](command:violentutf.refreshOrchestrators)\n[Show Logs](command:violentutf.showLogs)',
      },
      {
        view: VIEW,
        when: `${connected} && violentutf.orchestratorsState == ready && violentutf.orchestratorCount == 0`,
        contents:
          'No orchestrators yet. Write an orchestrator config (a .orchestrator.json file: prompts → converters → target → scorers) and launch it; every prompt, response and score lands in your own PyRIT-compatible DuckDB memory.\n[New Orchestrator Config](command:violentutf.newOrchestratorConfig)\n[Launch Orchestrator…](command:violentutf.launchOrchestrator)',
      },
    ],
    menus: {
      'view/title': [
        { command: 'violentutf.launchOrchestrator', when: `view == ${VIEW}`, group: 'navigation@1' },
        { command: 'violentutf.newOrchestratorConfig', when: `view == ${VIEW}`, group: 'navigation@2' },
        { command: 'violentutf.refreshOrchestrators', when: `view == ${VIEW}`, group: 'navigation@3' },
        { command: 'violentutf.showDebugInfo', when: `view == ${VIEW}`, group: '2_daemon@1' },
        { command: 'violentutf.clearCache', when: `view == ${VIEW}`, group: '2_daemon@2' },
        { command: 'violentutf.setTargetApiKey', when: `view == ${VIEW}`, group: '2_daemon@3' },
        { command: 'violentutf.restartDaemon', when: `view == ${VIEW}`, group: '2_daemon@4' },
      ],
      'view/item/context': [
        {
          command: 'violentutf.launchOrchestrator',
          when: `view == ${VIEW} && viewItem == orchestrator`,
          group: 'inline@1',
        },
        { command: 'violentutf.showResults', when: `view == ${VIEW} && viewItem == orchestrator`, group: 'inline@2' },
        {
          command: 'violentutf.cancelExecution',
          when: `view == ${VIEW} && viewItem == execution.running`,
          group: 'inline@1',
        },
        {
          command: 'violentutf.resumeExecution',
          when: `view == ${VIEW} && viewItem == execution.resumable`,
          group: 'inline@1',
        },
        {
          command: 'violentutf.showResults',
          when: `view == ${VIEW} && viewItem =~ /^execution\\./`,
          group: 'inline@2',
        },
        {
          command: 'violentutf.launchOrchestrator',
          when: `view == ${VIEW} && viewItem == orchestrator`,
          group: '1_run@1',
        },
        {
          command: 'violentutf.showResults',
          when: `view == ${VIEW} && viewItem =~ /^(orchestrator|execution\\.)/`,
          group: '1_run@2',
        },
        {
          command: 'violentutf.cancelExecution',
          when: `view == ${VIEW} && viewItem == execution.running`,
          group: '1_run@3',
        },
        {
          command: 'violentutf.resumeExecution',
          when: `view == ${VIEW} && viewItem == execution.resumable`,
          group: '1_run@4',
        },
        {
          command: 'violentutf.compareExecutions',
          when: `view == ${VIEW} && viewItem =~ /^execution\\./`,
          group: '1_run@5',
        },
        {
          command: 'violentutf.deleteOrchestrator',
          when: `view == ${VIEW} && viewItem == orchestrator`,
          group: '9_delete@1',
        },
      ],
      'editor/title': [
        {
          command: 'violentutf.launchOrchestrator',
          when: 'resourceFilename =~ /\\.orchestrator\\.(json|ya?ml)$/',
          group: 'navigation',
        },
      ],
      commandPalette: [{ command: 'violentutf.refreshOrchestrators', when: 'false' }],
    },
    configuration: {
      title: 'ViolentUTF',
      properties: {
        'violentutf.username': {
          type: 'string',
          default: '',
          markdownDescription:
            'Red-team user name the daemon knows you by. It picks your memory file (`pyrit_memory_<hash>.db`), so use the name your ViolentUTF deployment uses. Empty = your OS user name.',
        },
        'violentutf.memoryDir': {
          type: 'string',
          default: '',
          markdownDescription:
            'Folder of the DuckDB memory files (`VIOLENTUTF_MEMORY_DIR`) for a daemon this window starts. Empty = the daemon default (`$XDG_DATA_HOME/violentutf/memory`). A daemon that is already running keeps its own; run **ViolentUTF: Restart Daemon** to apply.',
          scope: 'machine',
        },
        'violentutf.pool.size': {
          type: 'integer',
          default: 20,
          minimum: 1,
          markdownDescription:
            'Pooled orchestrator instances (`ORCHESTRATOR_POOL_SIZE`) for a daemon this window starts.',
          scope: 'machine',
        },
        'violentutf.pool.ttlMinutes': {
          type: 'number',
          default: 30,
          exclusiveMinimum: 0,
          markdownDescription:
            'Minutes an idle pooled instance is kept (`ORCHESTRATOR_TTL_MINUTES`) for a daemon this window starts.',
          scope: 'machine',
        },
        'violentutf.statusBar.show': {
          type: 'boolean',
          default: true,
          description: 'Show the daemon health item in the status bar.',
        },
      },
    },
    // From install to first results. Every `command:` link and `onCommand:` event must name a command contributed
    // above (test/editor/unit/walkthrough.test.ts checks it): a dead link in a first-run guide is the worst kind.
    walkthroughs: [
      {
        id: 'violentutf.firstResults',
        title: 'Red-team a model with ViolentUTF',
        description:
          'From a config file to your first results: launch, watch, read, and where to look when something is off.',
        steps: [
          {
            id: 'config',
            title: 'Create or open an orchestrator config',
            description:
              'A config says what to send and where: prompts, converters, target, scorers.\n[New Orchestrator Config](command:violentutf.newOrchestratorConfig)',
            media: { markdown: 'media/walkthrough/1-config.md' },
            completionEvents: ['onCommand:violentutf.newOrchestratorConfig'],
          },
          {
            id: 'launch',
            title: 'Launch it',
            description:
              'The daemon validates the config, saves it by name and runs it in the background.\n[Launch Orchestrator](command:violentutf.launchOrchestrator)',
            media: { markdown: 'media/walkthrough/2-launch.md' },
            completionEvents: ['onCommand:violentutf.launchOrchestrator'],
          },
          {
            id: 'watch',
            title: 'Watch the run in the tree',
            description:
              'The ViolentUTF view lists your orchestrators and executions with live progress.\n[Refresh Orchestrators](command:violentutf.refreshOrchestrators)',
            media: { markdown: 'media/walkthrough/3-tree.md' },
            completionEvents: [`onView:${VIEW}`],
          },
          {
            id: 'results',
            title: 'Open the results',
            description:
              'Prompts, responses and scores, with success rates by converter and scorer.\n[Show Results](command:violentutf.showResults)',
            media: { markdown: 'media/walkthrough/4-results.md' },
            completionEvents: ['onCommand:violentutf.showResults'],
          },
          {
            id: 'debug',
            title: 'Know where to look when something is off',
            description:
              'Who the daemon thinks you are, where your memory lives, pool and database health.\n[Show Debug Info](command:violentutf.showDebugInfo)',
            media: { markdown: 'media/walkthrough/5-debug.md' },
            completionEvents: ['onCommand:violentutf.showDebugInfo'],
          },
        ],
      },
    ],
    jsonValidation: [{ fileMatch: '*.orchestrator.json', url: './docs/orchestrator.schema.json' }],
    // Read by the YAML extension (redhat.vscode-yaml) when it is installed; ignored otherwise.
    yamlValidation: [
      { fileMatch: ['*.orchestrator.yaml', '*.orchestrator.yml'], url: './docs/orchestrator.schema.json' },
    ],
  },
};

export function applyManifest() {
  const current = JSON.parse(fs.readFileSync(file, 'utf8'));
  const next = { ...current };
  for (const [key, value] of Object.entries(manifest)) next[key] = value;
  const text = `${JSON.stringify(next, null, 2)}\n`;
  if (text !== fs.readFileSync(file, 'utf8')) fs.writeFileSync(file, text);
}

if (process.argv[1] === new URL(import.meta.url).pathname) applyManifest();
