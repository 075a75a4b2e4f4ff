import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { buildClaudeCodeEnv, type ClaudeCodeEnv, type ClaudeCodeVariable } from '../../../gateway/claude-code/env.ts';
import { renderRcBlock, renderShellScript, type ScriptMode, type Shell } from '../../../gateway/claude-code/render-shell.ts';
import { quoteFish, quotePosix } from '../../../gateway/claude-code/shell-quote.ts';
import { interpretCmd, interpretPowerShell, splitWindowsArguments } from './shell-parsers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/claude-code');
const SHELLS: Shell[] = ['bash', 'zsh', 'fish', 'powershell', 'cmd'];
const MODES: ScriptMode[] = ['session', 'persist', 'unset'];

/** Every character some shell treats specially, plus non-ASCII and PowerShell's curly quotes. */
const AWKWARD_VALUES = [
  `it's "quoted" and ''doubled''`,
  '$HOME ${PATH} $(id) `id` \\$x',
  '100% %PATH% %% %=C:% %PATH:a=b% %PATH:~0,1%',
  'bang! !! !$ !PATH! ^! ^^',
  'caret ^ & | < > ( ) ; , = : @',
  'back\\slash \\\' \\\\ trailing\\',
  'ünïcödé 日本語 🚀 ‘curly’ ‚low‛ “double” — done',
  '  leading and trailing spaces  ',
  '*glob? [ab] ~tilde #hash {a,b}',
  '"',
  "'",
  '\\"\\\\"',
];

const GOLDEN_ENV = buildClaudeCodeEnv({
  gatewayUrl: 'http://127.0.0.1:4747/v1/',
  gatewayKey: `sk-gate "it's" $HOME %PATH% ^&|<>() !x! \`id\` ü`,
  models: { main: 'qwen3-coder:30b', haiku: 'llama3.2:3b', subagent: 'claude sonnet ‘4’' },
  apiTimeoutMs: 600000,
  disableNonessentialTraffic: true,
});

function awkwardEnv(values: readonly string[]): ClaudeCodeEnv {
  return values.map((value, index) => ({ name: `GATEHOUSE_TEST_${index}` as ClaudeCodeVariable, value }));
}

/** PowerShell and cmd scripts as on Windows, where their user environment exists. */
const render = (shell: Shell, env: ClaudeCodeEnv, mode: ScriptMode, platform: NodeJS.Platform = shell === 'powershell' || shell === 'cmd' ? 'win32' : 'linux') =>
  renderShellScript(shell, env, mode, platform);

const expectedSession = (env: ClaudeCodeEnv) => new Map(env.filter((entry) => entry.value !== '').map((entry) => [entry.name, entry.value]));

test('golden scripts per shell and mode', () => {
  for (const shell of SHELLS) {
    for (const mode of MODES) {
      const file = path.join(FIXTURES, `${shell}-${mode}.txt`);
      const rendered = render(shell, GOLDEN_ENV, mode);
      if (process.env.GATEHOUSE_UPDATE_GOLDEN === '1') writeFileSync(file, rendered);
      assert.equal(rendered, readFileSync(file, 'utf8'), `${shell}-${mode} differs from ${file} (GATEHOUSE_UPDATE_GOLDEN=1 rewrites it)`);
    }
  }
});

test('persisting never writes the emptied ANTHROPIC_API_KEY, so the user keeps their own key elsewhere', () => {
  for (const shell of SHELLS) assert.doesNotMatch(render(shell, GOLDEN_ENV, 'persist').replace(/^.*(Remove-Item|set ANTHROPIC_API_KEY=$).*$/gm, ''), /ANTHROPIC_API_KEY/, shell);
  assert.throws(() => renderRcBlock('cmd', GOLDEN_ENV), /setx/);
});

test('outside Windows, PowerShell persists through its profile, since .NET has no user environment there', () => {
  for (const platform of ['darwin', 'linux'] as const) {
    assert.equal(render('powershell', GOLDEN_ENV, 'persist', platform), renderRcBlock('powershell', GOLDEN_ENV), platform);
    assert.doesNotMatch(render('powershell', GOLDEN_ENV, 'unset', platform), /SetEnvironmentVariable/, platform);
  }
});

test('a value with a newline or another control character is refused for every shell', () => {
  for (const shell of SHELLS) {
    assert.throws(() => render(shell, awkwardEnv(['a\nb']), 'session'), /control character/);
    assert.throws(() => render(shell, awkwardEnv(['a\u0000b']), 'session'), /control character/);
  }
  assert.throws(() => buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:1', gatewayKey: 'k\r\n' }), /control character/);
});

/** Runs `script` in a real shell and returns the environment a child process sees afterwards. */
function runInShell(shell: 'bash' | 'zsh' | 'fish', script: string, startEnv: Record<string, string> = {}): Record<string, string> | undefined {
  const directory = mkdtempSync(path.join(tmpdir(), 'gatehouse-shell-'));
  try {
    const quote = shell === 'fish' ? quoteFish : quotePosix;
    const printEnv = `${quote(process.execPath)} -e ${quote('process.stdout.write(JSON.stringify(process.env))')}`;
    const file = path.join(directory, 'script');
    writeFileSync(file, `${script}${printEnv}\n`);
    const args = shell === 'fish' ? ['--no-config', file] : shell === 'zsh' ? ['-f', file] : ['--norc', '--noprofile', file];
    const result = spawnSync(shell, args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: directory, ...startEnv } });
    if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    assert.equal(result.status, 0, `${shell} failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, string>;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const randomValues = fc.sample(
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...`'"\\$\`!%^&|<>()~*?[]{}#;:=, \u2018\u2019\u201a\u201b\u00e9\u65e5`), maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
  ).filter((value) => ![...value].some((character) => character < ' ' || character === '\u007f')),
  { numRuns: 60, seed: 4747 },
);

for (const shell of ['bash', 'zsh', 'fish'] as const) {
  test(`${shell} runs the session, persist and unset scripts and gets exactly the values`, (context) => {
    const env = awkwardEnv([...AWKWARD_VALUES, ...randomValues]);
    const session = runInShell(shell, render(shell, env, 'session'));
    if (session === undefined) {
      context.skip(`${shell} is not installed (apt-get install ${shell})`);
      return;
    }
    for (const entry of env) assert.equal(session[entry.name], entry.value, `${shell} set ${entry.name} wrong`);

    const persisted = runInShell(shell, render(shell, GOLDEN_ENV, 'persist'), { ANTHROPIC_API_KEY: 'sk-ant-own-key' });
    for (const entry of GOLDEN_ENV) assert.equal(persisted?.[entry.name], entry.value === '' ? 'sk-ant-own-key' : entry.value, entry.name);

    const session2 = runInShell(shell, render(shell, GOLDEN_ENV, 'session'), { ANTHROPIC_API_KEY: 'sk-ant-own-key' });
    assert.equal(session2?.ANTHROPIC_API_KEY, '', 'the session script empties ANTHROPIC_API_KEY');

    const unset = runInShell(shell, render(shell, env, 'session') + render(shell, env, 'unset'));
    for (const entry of env) assert.equal(unset?.[entry.name], undefined, `${shell} left ${entry.name}`);
  });
}

test('PowerShell scripts read back to exactly the values (tokenizer for single-quoted strings)', () => {
  const env = awkwardEnv([...AWKWARD_VALUES, ...randomValues]);
  assert.deepEqual(interpretPowerShell(render('powershell', env, 'session')).session, expectedSession(env));
  const persisted = interpretPowerShell(render('powershell', env, 'persist'));
  assert.deepEqual(persisted.user, expectedSession(env));
  assert.deepEqual(persisted.session, expectedSession(env));
  const undone = interpretPowerShell(render('powershell', env, 'unset'), persisted);
  assert.equal(undone.session.size, 0);
  assert.ok([...undone.user.values()].every((value) => value === undefined));

  const golden = interpretPowerShell(render('powershell', GOLDEN_ENV, 'persist'));
  assert.equal(golden.user.has('ANTHROPIC_API_KEY'), false);
  assert.equal(golden.session.get('ANTHROPIC_AUTH_TOKEN'), GOLDEN_ENV[1]!.value);
});

test('cmd scripts read back to exactly the values (percent, caret and argv rules)', () => {
  const env = awkwardEnv([...AWKWARD_VALUES, ...randomValues].filter((value) => !value.startsWith('/')));
  assert.deepEqual(interpretCmd(render('cmd', env, 'session')).session, expectedSession(env));
  const persisted = interpretCmd(render('cmd', env, 'persist'));
  assert.deepEqual(persisted.user, expectedSession(env));
  assert.deepEqual(persisted.session, expectedSession(env));
  const undone = interpretCmd(render('cmd', env, 'unset'), persisted);
  assert.equal(undone.session.size, 0);
  assert.ok([...undone.user.values()].every((value) => value === undefined));
  assert.throws(() => render('cmd', awkwardEnv(['/k']), 'persist'), /option/);
});

test('PowerShell and cmd round-trip arbitrary text (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: fc.constantFrom(...`'"\\%^&|<>()!: \u2019`), maxLength: 30 }), (first, second) => {
      const value = first + second;
      fc.pre(![...value].some((character) => character < ' ' || character === '\u007f') && value !== '' && !value.startsWith('/'));
      const env = awkwardEnv([value]);
      assert.equal(interpretPowerShell(render('powershell', env, 'persist')).user.get('GATEHOUSE_TEST_0'), value);
      assert.equal(interpretCmd(render('cmd', env, 'persist')).user.get('GATEHOUSE_TEST_0'), value);
    }),
    { numRuns: 500 },
  );
});

test('the argv splitter agrees with the documented CommandLineToArgvW examples', () => {
  assert.deepEqual(splitWindowsArguments('"abc" d e'), ['abc', 'd', 'e']);
  assert.deepEqual(splitWindowsArguments('a\\\\\\b d"e f"g h'), ['a\\\\\\b', 'de fg', 'h']);
  assert.deepEqual(splitWindowsArguments('a\\\\\\"b c d'), ['a\\"b', 'c', 'd']);
  assert.deepEqual(splitWindowsArguments('a\\\\\\\\"b c" d e'), ['a\\\\b c', 'd', 'e']);
});
