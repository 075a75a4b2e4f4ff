import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyClaudeCode, planClaudeCode, undoClaudeCode, type ApplyOptions } from '../../../gateway/claude-code/index.ts';
import { rcFilePath, removeBlock, upsertBlock } from '../../../gateway/claude-code/rc-file.ts';
import { renderRcBlock } from '../../../gateway/claude-code/render-shell.ts';
import { buildClaudeCodeEnv } from '../../../gateway/claude-code/env.ts';
import { mergeEnvIntoSettings } from '../../../gateway/claude-code/settings-file.ts';
import { parseConfig } from '../../../gateway/config/parse-config.ts';
import { stubPowerShell } from '../../helpers/stub-powershell.ts';

function withHome(run: (home: string, options: ApplyOptions) => Promise<void>) {
  return async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'gatehouse-home-'));
    try {
      await run(home, {
        gatewayUrl: 'http://127.0.0.1:4747', gatewayKey: 'sk-gate-test-key', models: { main: 'qwen3:8b' },
        home, platform: 'linux', env: {}, stateDirectory: path.join(home, 'data', 'claude-code'),
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
}

const settingsFile = (home: string) => path.join(home, '.claude', 'settings.json');
const read = (file: string) => readFileSync(file);
const ENV = buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:4747', gatewayKey: 'sk-gate-test-key' });

test('apply creates ~/.claude/settings.json when missing, and undo deletes it again', withHome(async (home, options) => {
  const result = await applyClaudeCode(options);
  assert.deepEqual(result.filesWritten, [settingsFile(home)]);
  assert.equal(result.backupPath !== null && existsSync(result.backupPath), true);
  const written = JSON.parse(readFileSync(settingsFile(home), 'utf8'));
  assert.deepEqual(written, { env: { ANTHROPIC_BASE_URL: 'http://127.0.0.1:4747', ANTHROPIC_AUTH_TOKEN: 'sk-gate-test-key', ANTHROPIC_API_KEY: '', ANTHROPIC_MODEL: 'qwen3:8b' } });
  const undone = await undoClaudeCode(options);
  assert.deepEqual(undone, { restored: true, filesRestored: [settingsFile(home)], filesPartlyReverted: [] });
  assert.equal(existsSync(settingsFile(home)), false);
  assert.equal((await undoClaudeCode(options)).restored, false);
}));

const EXISTING = [
  ['empty file', ''],
  ['whitespace only', '  \n'],
  ['other keys, tabs, CRLF, no final newline', '{\r\n\t"model": "opus",\r\n\t"permissions": {"allow": ["Bash(ls:*)"]},\r\n\t"env": {"FOO": "bar", "ANTHROPIC_MODEL": "old"}\r\n}'],
  ['byte-order mark and 4 spaces', '\ufeff{\n    "enabledPlugins": {"x@y": true},\n    "hooks": {}\n}\n'],
] as const;

for (const [label, content] of EXISTING) {
  test(`settings.json merge keeps everything else and undo restores the exact bytes: ${label}`, withHome(async (home, options) => {
    mkdirSync(path.join(home, '.claude'));
    writeFileSync(settingsFile(home), content);
    const before = read(settingsFile(home));
    await applyClaudeCode(options);
    const text = readFileSync(settingsFile(home), 'utf8');
    const merged = JSON.parse(text.replace(/^\ufeff/, ''));
    assert.equal(merged.env.ANTHROPIC_AUTH_TOKEN, 'sk-gate-test-key');
    assert.equal(merged.env.ANTHROPIC_MODEL, 'qwen3:8b');
    if (content.includes('"model"')) {
      assert.equal(merged.model, 'opus');
      assert.deepEqual(merged.permissions, { allow: ['Bash(ls:*)'] });
      assert.equal(merged.env.FOO, 'bar');
      assert.match(text, /\r\n\t"model"/);
    }
    if (content.startsWith('\ufeff')) assert.match(text, /^\ufeff\{\n {4}"enabledPlugins"/);
    assert.equal((await applyClaudeCode(options)).filesWritten.length, 0, 'a second apply changes nothing');
    await undoClaudeCode(options);
    assert.deepEqual(read(settingsFile(home)), before);
  }));
}

test('invalid JSON is refused and left untouched; so is a non-object env', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  for (const content of ['{"env": {', '[1, 2]', '{"env": "x"}']) {
    writeFileSync(settingsFile(home), content);
    await assert.rejects(applyClaudeCode(options), /Gatehouse will not overwrite it/);
    await assert.rejects(planClaudeCode(options), /Gatehouse will not overwrite it/);
    assert.equal(readFileSync(settingsFile(home), 'utf8'), content);
  }
  assert.equal(existsSync(options.stateDirectory) && readdirSync(path.join(options.stateDirectory, 'backups')).length > 0, false);
}));

test('a read-only settings.json is refused with a clear error and left as it was', (context) => {
  // Root ignores file modes through CAP_DAC_OVERRIDE; as root the scenario runs without that
  // capability (setpriv, from util-linux), so the mode is enforced and the checkout stays readable.
  const asRoot = process.getuid?.() === 0;
  const scenario = [process.execPath, '--import', 'tsx', path.join(import.meta.dirname, 'read-only-scenario.ts')];
  const [command, ...args] = asRoot ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', ...scenario] : scenario;
  const result = spawnSync(command!, args, { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../../..') });
  if (asRoot && (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    context.skip('running as root without setpriv (util-linux), so file modes cannot be enforced here');
    return;
  }
  assert.equal(result.status, 0, result.stderr);
  const { outcome, content } = JSON.parse(result.stdout) as { outcome: string; content: string };
  assert.match(outcome, /^refused: .*settings\.json is read-only; make it writable/);
  assert.equal(content, '{}');
});

const mode = (file: string) => statSync(file).mode & 0o777;

test('files Gatehouse creates, backups and the journal are private to the user', { skip: process.platform === 'win32' && 'Windows ignores POSIX modes' }, withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_API_KEY": "sk-ant-secret-value"}}\n', { mode: 0o644 });
  const result = await applyClaudeCode({ ...options, rcShells: ['fish'] });
  assert.equal(mode(path.join(home, '.config', 'fish', 'conf.d', 'gatehouse.fish')), 0o600);
  assert.equal(mode(result.backupPath!), 0o700);
  for (const backup of readdirSync(result.backupPath!)) assert.equal(mode(path.join(result.backupPath!, backup)), 0o600, backup);
  assert.equal(mode(path.join(options.stateDirectory, 'journal.json')), 0o600);
  const fresh = mkdtempSync(path.join(tmpdir(), 'gatehouse-home-'));
  try {
    await applyClaudeCode({ ...options, home: fresh, stateDirectory: path.join(fresh, 'data') });
    assert.equal(mode(settingsFile(fresh)), 0o600);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}));

test('a file keeps its mode whatever the umask', { skip: process.platform === 'win32' && 'Windows ignores POSIX modes' }, withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{}\n');
  chmodSync(settingsFile(home), 0o664);
  const umask = process.umask(0o022);
  try {
    await applyClaudeCode(options);
  } finally {
    process.umask(umask);
  }
  assert.equal(mode(settingsFile(home)), 0o664);
}));

test('a directory where settings.json should be is refused with a clear error', withHome(async (home, options) => {
  mkdirSync(settingsFile(home), { recursive: true });
  await assert.rejects(applyClaudeCode(options), /is a directory, not a file/);
}));

test('a failed rc write rolls back settings.json and leaves no journal entry', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.bashrc'));
  writeFileSync(path.join(home, 'placeholder'), '');
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"a": 1}\n');
  await assert.rejects(applyClaudeCode({ ...options, rcShells: ['bash'] }), /is a directory/);
  assert.equal(readFileSync(settingsFile(home), 'utf8'), '{"a": 1}\n');
  assert.equal((await planClaudeCode(options)).canUndo, false);
}));

test('a symlinked rc file is written through, not replaced', withHome(async (home, options) => {
  mkdirSync(path.join(home, 'dotfiles'));
  writeFileSync(path.join(home, 'dotfiles', 'zshrc'), 'alias ll="ls -l"\n');
  symlinkSync(path.join(home, 'dotfiles', 'zshrc'), path.join(home, '.zshrc'));
  await applyClaudeCode({ ...options, rcShells: ['zsh'] });
  assert.ok(statSync(path.join(home, '.zshrc')).isFile());
  assert.match(readFileSync(path.join(home, 'dotfiles', 'zshrc'), 'utf8'), /# >>> gatehouse >>>/);
  await undoClaudeCode(options);
  assert.equal(readFileSync(path.join(home, 'dotfiles', 'zshrc'), 'utf8'), 'alias ll="ls -l"\n');
}));

test('a symlink to a file that does not exist yet is written through, and undo leaves the link', withHome(async (home, options) => {
  const link = path.join(home, '.zshrc');
  const target = path.join(home, 'dotfiles', 'zshrc');
  symlinkSync(path.join('dotfiles', 'zshrc'), link);
  await applyClaudeCode({ ...options, rcShells: ['zsh'] });
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.match(readFileSync(target, 'utf8'), /# >>> gatehouse >>>/);
  await undoClaudeCode(options);
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readlinkSync(link), path.join('dotfiles', 'zshrc'));
  assert.equal(existsSync(target), false);
}));

test('a symlink loop is refused with a clear error', withHome(async (home, options) => {
  symlinkSync(path.join(home, '.zshrc'), path.join(home, '.zshrc'));
  await assert.rejects(applyClaudeCode({ ...options, rcShells: ['zsh'] }), /loop of symbolic links/);
}));

const RC_ORIGINALS = ['', 'export PATH=$PATH:~/bin\n', 'no final newline', 'line\r\nwindows\r\n', '# >>> gatehouse\nnot ours\n'];

test('the rc block is added, replaced in place and removed byte for byte', () => {
  const block = renderRcBlock('bash', ENV);
  const newer = renderRcBlock('bash', buildClaudeCodeEnv({ gatewayUrl: 'http://127.0.0.1:5000', gatewayKey: 'other' }));
  for (const original of RC_ORIGINALS) {
    const added = upsertBlock(original, block);
    assert.ok(added.startsWith(original), JSON.stringify(original));
    assert.equal(removeBlock(added), original, JSON.stringify(original));
    const replaced = upsertBlock(added, newer);
    assert.match(replaced, /127\.0\.0\.1:5000/);
    assert.doesNotMatch(replaced, /4747/);
    assert.equal(removeBlock(replaced), original);
    if (added.endsWith('\n')) assert.equal(removeBlock(upsertBlock(`${added}echo after\n`, newer)), `${original}echo after\n`);
    if (original.includes('\r\n')) assert.match(added, /# <<< gatehouse <<<\r\n$/);
  }
  assert.throws(() => upsertBlock('# >>> gatehouse >>>\nexport A=1\n', block), /without/);
});

test('apply --rc writes each shell\'s file, a second apply replaces the block, undo puts back each version', withHome(async (home, options) => {
  writeFileSync(path.join(home, '.bashrc'), 'alias gs="git status"\n');
  const original = read(path.join(home, '.bashrc'));
  await applyClaudeCode({ ...options, rcShells: ['bash', 'fish', 'powershell'] });
  const fishFile = path.join(home, '.config', 'fish', 'conf.d', 'gatehouse.fish');
  assert.match(readFileSync(fishFile, 'utf8'), /^# >>> gatehouse >>>\n/);
  assert.match(readFileSync(path.join(home, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1'), 'utf8'), /\$env:ANTHROPIC_AUTH_TOKEN = 'sk-gate-test-key'/);
  const afterFirst = read(path.join(home, '.bashrc'));
  await applyClaudeCode({ ...options, gatewayUrl: 'http://127.0.0.1:5000', rcShells: ['bash'] });
  const bashrc = readFileSync(path.join(home, '.bashrc'), 'utf8');
  assert.equal(bashrc.match(/# >>> gatehouse >>>/g)?.length, 1);
  assert.match(bashrc, /5000/);
  await undoClaudeCode(options);
  assert.deepEqual(read(path.join(home, '.bashrc')), afterFirst);
  await undoClaudeCode(options);
  assert.deepEqual(read(path.join(home, '.bashrc')), original);
  assert.equal(existsSync(fishFile), false);
}));

test('on Windows, apply --rc powershell writes the profile each edition reports (OneDrive Documents) and undo finds them', withHome(async (home, options) => {
  const documents = path.join(home, 'OneDrive', 'Documents');
  const profile7 = path.join(documents, 'PowerShell', 'Microsoft.PowerShell_profile.ps1');
  const profile51 = path.join(documents, 'WindowsPowerShell', 'Microsoft.PowerShell_profile.ps1');
  mkdirSync(path.dirname(profile51), { recursive: true });
  writeFileSync(profile51, 'Set-PSReadLineOption -EditMode Emacs\r\n');
  const original51 = read(profile51);
  const stub = stubPowerShell({ pwsh: { profile: profile7, policy: 'RemoteSigned' }, powershell: { profile: profile51, policy: 'RemoteSigned' } });
  const windows = { ...options, platform: 'win32' as const, run: stub.run };
  const result = await applyClaudeCode({ ...windows, rcShells: ['powershell'] });
  assert.deepEqual(result.filesWritten, [settingsFile(home), profile7, profile51]);
  assert.match(readFileSync(profile51, 'utf8'), /^Set-PSReadLineOption -EditMode Emacs\r\n# >>> gatehouse >>>\r\n/);
  assert.match(readFileSync(profile7, 'utf8'), /\$env:ANTHROPIC_AUTH_TOKEN = 'sk-gate-test-key'/);
  assert.equal(existsSync(path.join(home, 'Documents')), false);
  await undoClaudeCode(windows);
  assert.deepEqual(read(profile51), original51);
  assert.equal(existsSync(profile7), false);
  // The dashboard's PowerShell tab persists in the user environment; it names no profile to go with it.
  const plan = await planClaudeCode(windows);
  assert.equal(plan.snippets.find((snippet) => snippet.shell === 'powershell')?.rcFile, null);
  assert.equal(stub.calls.length, 2);
}));

test('undo after the user edited the file reverts only Gatehouse\'s part', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_MODEL": "mine"}}\n');
  writeFileSync(path.join(home, '.bashrc'), 'one\n');
  await applyClaudeCode({ ...options, rcShells: ['bash'] });
  const settings = JSON.parse(readFileSync(settingsFile(home), 'utf8'));
  writeFileSync(settingsFile(home), JSON.stringify({ ...settings, theme: 'dark' }));
  writeFileSync(path.join(home, '.bashrc'), `${readFileSync(path.join(home, '.bashrc'), 'utf8')}two\n`);
  const result = await undoClaudeCode(options);
  assert.deepEqual(result.filesPartlyReverted.sort(), [path.join(home, '.bashrc'), settingsFile(home)].sort());
  assert.deepEqual(JSON.parse(readFileSync(settingsFile(home), 'utf8')), { env: { ANTHROPIC_MODEL: 'mine' }, theme: 'dark' });
  assert.equal(readFileSync(path.join(home, '.bashrc'), 'utf8'), 'one\ntwo\n');
}));

test('undo of a second apply to an edited CRLF rc file puts back the first block with CRLF line breaks', withHome(async (home, options) => {
  const bashrc = path.join(home, '.bashrc');
  writeFileSync(bashrc, 'echo one\r\necho two\r\n');
  await applyClaudeCode({ ...options, rcShells: ['bash'] });
  const afterFirst = readFileSync(bashrc, 'utf8');
  await applyClaudeCode({ ...options, gatewayUrl: 'http://127.0.0.1:5000', rcShells: ['bash'] });
  writeFileSync(bashrc, `${readFileSync(bashrc, 'utf8')}echo user\r\n`);
  await undoClaudeCode(options);
  assert.equal(readFileSync(bashrc, 'utf8'), `${afterFirst}echo user\r\n`);
}));

test('undo keeps the line break after the block when the file had none and the user added a line since', withHome(async (home, options) => {
  const bashrc = path.join(home, '.bashrc');
  writeFileSync(bashrc, 'echo one');
  await applyClaudeCode({ ...options, rcShells: ['bash'] });
  const afterFirst = readFileSync(bashrc, 'utf8');
  await applyClaudeCode({ ...options, gatewayUrl: 'http://127.0.0.1:5000', rcShells: ['bash'] });
  writeFileSync(bashrc, `${readFileSync(bashrc, 'utf8')}\nalias ll="ls -l"\n`);
  await undoClaudeCode(options);
  assert.equal(readFileSync(bashrc, 'utf8'), `${afterFirst}\nalias ll="ls -l"\n`);
  await undoClaudeCode(options);
  assert.equal(readFileSync(bashrc, 'utf8'), 'echo one\nalias ll="ls -l"\n');
}));

test('--haiku-model also sets ANTHROPIC_SMALL_FAST_MODEL, which would otherwise win, and undo puts the old one back', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_SMALL_FAST_MODEL": "claude-3-5-haiku-latest"}}\n');
  await applyClaudeCode({ ...options, models: { haiku: 'llama3.2:3b' } });
  const env = JSON.parse(readFileSync(settingsFile(home), 'utf8')).env;
  assert.equal(env.ANTHROPIC_DEFAULT_HAIKU_MODEL, 'llama3.2:3b');
  assert.equal(env.ANTHROPIC_SMALL_FAST_MODEL, 'llama3.2:3b');
  writeFileSync(settingsFile(home), JSON.stringify({ env, theme: 'dark' }));
  await undoClaudeCode(options);
  assert.deepEqual(JSON.parse(readFileSync(settingsFile(home), 'utf8')), { env: { ANTHROPIC_SMALL_FAST_MODEL: 'claude-3-5-haiku-latest' }, theme: 'dark' });
}));

test('behind a 64k local model Claude Code is told to compact within it, for the model being set or the one settings.json names', withHome(async (home, options) => {
  const config = parseConfig('model_list:\n  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 65536 }\n  - model_name: "claude-*"\n    litellm_params: { model: "anthropic/claude-*" }\n', {}).config!;
  const plan = await planClaudeCode({ ...options, models: { main: 'qwen3-coder' }, config });
  assert.equal(plan.env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536');
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_MODEL": "qwen3-coder"}}');
  await applyClaudeCode({ ...options, models: {}, config });
  assert.equal(JSON.parse(readFileSync(settingsFile(home), 'utf8')).env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536');
  const toCloud = await planClaudeCode({ ...options, models: { main: 'claude-sonnet-4-5' }, config });
  assert.equal(toCloud.env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, undefined, 'a cloud Claude keeps Claude Code\'s own window');
  assert.deepEqual(toCloud.changes.find((change) => change.key === 'CLAUDE_CODE_AUTO_COMPACT_WINDOW'), { key: 'CLAUDE_CODE_AUTO_COMPACT_WINDOW', from: '65536', to: null });
}));

test('moving Claude Code from a 64k local model to a cloud Claude takes the 64k compaction window out again, and undo puts it back', withHome(async (home, options) => {
  const config = parseConfig('model_list:\n  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 65536 }\n  - model_name: "claude-*"\n    litellm_params: { model: "anthropic/claude-*" }\n', {}).config!;
  await applyClaudeCode({ ...options, models: { main: 'qwen3-coder' }, config });
  const local = read(settingsFile(home));
  assert.equal(JSON.parse(local.toString('utf8')).env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536');
  await applyClaudeCode({ ...options, models: { main: 'claude-sonnet-4-5' }, config });
  const env = JSON.parse(readFileSync(settingsFile(home), 'utf8')).env;
  assert.equal(env.ANTHROPIC_MODEL, 'claude-sonnet-4-5');
  assert.equal(env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, undefined, 'Claude Code would otherwise compact a 200k model at 64k');
  await undoClaudeCode(options);
  assert.deepEqual(read(settingsFile(home)), local);
  await applyClaudeCode({ ...options, models: {}, autoCompactWindow: undefined });
  assert.equal(JSON.parse(readFileSync(settingsFile(home), 'utf8')).env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536', 'without the config (--url) nothing is known, so nothing is removed');
}));

test('with no ANTHROPIC_MODEL Claude Code\'s main loop is the opus tier, so the model set for it decides the window', withHome(async (home, options) => {
  const config = parseConfig('model_list:\n  - model_name: qwen3-coder\n    litellm_params: { model: ollama_chat/qwen3-coder:30b, num_ctx: 65536 }\n  - model_name: "claude-*"\n    litellm_params: { model: "anthropic/claude-*" }\n', {}).config!;
  const plan = await planClaudeCode({ ...options, models: { opus: 'qwen3-coder', sonnet: 'qwen3-coder' }, config });
  assert.equal(plan.env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536');
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_MODEL": "sonnet", "ANTHROPIC_DEFAULT_SONNET_MODEL": "qwen3-coder"}}');
  await applyClaudeCode({ ...options, models: {}, config });
  assert.equal(JSON.parse(readFileSync(settingsFile(home), 'utf8')).env.CLAUDE_CODE_AUTO_COMPACT_WINDOW, '65536', 'the sonnet alias is its variable\'s model');
}));

test('a file that is not UTF-8 is not edited', withHome(async (home, options) => {
  writeFileSync(path.join(home, '.bashrc'), Buffer.from([0x65, 0x63, 0x68, 0x6f, 0x20, 0xe9, 0x0a]));
  await assert.rejects(applyClaudeCode({ ...options, rcShells: ['bash'] }), /not UTF-8/);
}));

test('the plan masks the key unless asked, lists changes and per-shell snippets', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_API_KEY": "sk-ant-secret-value"}}');
  const plan = await planClaudeCode(options);
  assert.equal(plan.env.ANTHROPIC_AUTH_TOKEN, 'sk-g…-key');
  assert.deepEqual(plan.changes.find((change) => change.key === 'ANTHROPIC_API_KEY'), { key: 'ANTHROPIC_API_KEY', from: 'sk-a…alue', to: '' });
  assert.doesNotMatch(JSON.stringify(plan), /sk-gate-test-key|sk-ant-secret-value/);
  assert.deepEqual(plan.snippets.map((snippet) => snippet.shell), ['powershell', 'cmd', 'bash', 'zsh', 'fish']);
  assert.equal(plan.snippets.find((snippet) => snippet.shell === 'cmd')?.rcFile, null);
  assert.equal(plan.applied, false);
  const revealed = await planClaudeCode({ ...options, revealKey: true });
  assert.match(revealed.snippets.find((snippet) => snippet.shell === 'bash')!.session, /'sk-gate-test-key'/);
  await applyClaudeCode(options);
  const after = await planClaudeCode(options);
  assert.equal(after.applied, true);
  assert.equal(after.canUndo, true);
}));

test('revealing the gateway key for copying still masks the provider key settings.json holds now', withHome(async (home, options) => {
  mkdirSync(path.join(home, '.claude'));
  writeFileSync(settingsFile(home), '{"env": {"ANTHROPIC_API_KEY": "sk-ant-secret-value", "ANTHROPIC_AUTH_TOKEN": "old-token-value"}}');
  const revealed = await planClaudeCode({ ...options, revealKey: true });
  assert.equal(revealed.env.ANTHROPIC_AUTH_TOKEN, 'sk-gate-test-key');
  assert.deepEqual(revealed.changes.find((change) => change.key === 'ANTHROPIC_API_KEY'), { key: 'ANTHROPIC_API_KEY', from: 'sk-a…alue', to: '' });
  assert.deepEqual(revealed.changes.find((change) => change.key === 'ANTHROPIC_AUTH_TOKEN'), { key: 'ANTHROPIC_AUTH_TOKEN', from: 'old-…alue', to: 'sk-gate-test-key' });
  assert.doesNotMatch(JSON.stringify(revealed), /sk-ant-secret-value|old-token-value/);
}));

test('rc files live where each shell reads them on each OS', () => {
  const home = '/home/u';
  assert.equal(rcFilePath('bash', { home, platform: 'linux', env: {} }), '/home/u/.bashrc');
  assert.equal(rcFilePath('bash', { home, platform: 'darwin', env: {} }), '/home/u/.bash_profile');
  assert.equal(rcFilePath('zsh', { home, platform: 'darwin', env: { ZDOTDIR: '/z' } }), '/z/.zshrc');
  assert.equal(rcFilePath('fish', { home, platform: 'linux', env: { XDG_CONFIG_HOME: '/c' } }), '/c/fish/conf.d/gatehouse.fish');
  assert.equal(rcFilePath('powershell', { home, platform: 'linux', env: {} }), '/home/u/.config/powershell/Microsoft.PowerShell_profile.ps1');
  assert.equal(rcFilePath('powershell', { home, platform: 'win32', env: {} }), path.join(home, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1'));
  assert.throws(() => rcFilePath('cmd', { home, platform: 'win32', env: {} }), /setx/);
});

test('on macOS bash gets the login file bash already reads, so ~/.profile is not cut off', withHome(async (home, options) => {
  const darwin = { ...options, platform: 'darwin' as const };
  assert.equal(rcFilePath('bash', darwin), path.join(home, '.bash_profile'));
  writeFileSync(path.join(home, '.profile'), 'export PATH="$HOME/bin:$PATH"\n');
  assert.equal(rcFilePath('bash', darwin), path.join(home, '.profile'));
  writeFileSync(path.join(home, '.bash_login'), '');
  assert.equal(rcFilePath('bash', darwin), path.join(home, '.bash_login'));
  rmSync(path.join(home, '.bash_login'));
  await applyClaudeCode({ ...darwin, rcShells: ['bash'] });
  assert.equal(existsSync(path.join(home, '.bash_profile')), false);
  assert.match(readFileSync(path.join(home, '.profile'), 'utf8'), /^export PATH="\$HOME\/bin:\$PATH"\n# >>> gatehouse >>>\n/);
  assert.equal(rcFilePath('bash', { ...options, platform: 'linux' }), path.join(home, '.bashrc'));
}));

test('merging the same env twice returns the same text', () => {
  const once = mergeEnvIntoSettings('{"a":1}', 'settings.json', ENV);
  assert.equal(mergeEnvIntoSettings(once, 'settings.json', ENV), once);
});
