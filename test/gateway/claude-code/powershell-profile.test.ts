import { test } from 'node:test';
import assert from 'node:assert/strict';
import { askPowerShellProfiles, chooseProfiles, parseProfileAnswer, PROFILE_QUERY_TIMEOUT_MS, windowsPowerShellProfiles } from '../../../gateway/claude-code/powershell-profile.ts';
import { profileAnswer, stubPowerShell } from '../../helpers/stub-powershell.ts';

const FALLBACK = 'C:\\Users\\Zoë\\Documents\\PowerShell\\Microsoft.PowerShell_profile.ps1';
const ONEDRIVE_7 = 'C:\\Users\\Zoë\\OneDrive - Contoso\\Dokumente\\PowerShell\\Microsoft.PowerShell_profile.ps1';
const ONEDRIVE_51 = 'C:\\Users\\Zoë\\OneDrive - Contoso\\Dokumente\\WindowsPowerShell\\Microsoft.PowerShell_profile.ps1';

test('the profile path survives a non-ASCII, OneDrive-redirected Documents folder', () => {
  assert.deepEqual(parseProfileAnswer('PowerShell 7', profileAnswer(ONEDRIVE_7, 'RemoteSigned')), { edition: 'PowerShell 7', path: ONEDRIVE_7, executionPolicy: 'RemoteSigned' });
});

test('output that is not the two answer lines is no answer', () => {
  for (const stdout of ['', 'RemoteSigned\r\n', `${profileAnswer(ONEDRIVE_7, 'RemoteSigned')}extra\r\n`, 'not base64!\r\nRemoteSigned\r\n', profileAnswer('profile.ps1', 'RemoteSigned'), profileAnswer('C:\\Users\\z\\notes.txt', 'RemoteSigned')]) {
    assert.equal(parseProfileAnswer('PowerShell 7', stdout), undefined, JSON.stringify(stdout));
  }
});

test('both editions are asked, with no profile of their own and a bounded wait', async () => {
  const stub = stubPowerShell({ pwsh: { profile: ONEDRIVE_7, policy: 'RemoteSigned' }, powershell: { profile: ONEDRIVE_51, policy: 'RemoteSigned' } });
  assert.deepEqual(await windowsPowerShellProfiles(stub.run, FALLBACK), { files: [ONEDRIVE_7, ONEDRIVE_51], skipped: [] });
  assert.deepEqual(stub.calls.map((call) => call.file), ['pwsh', 'powershell']);
  for (const call of stub.calls) {
    assert.deepEqual(call.args.slice(0, 3), ['-NoLogo', '-NoProfile', '-NonInteractive']);
    assert.match(call.args.at(-1)!, /\$PROFILE\.CurrentUserCurrentHost/);
    assert.equal(call.timeoutMs, PROFILE_QUERY_TIMEOUT_MS);
  }
});

test('without pwsh, Windows PowerShell 5.1 alone gets the block', async () => {
  const stub = stubPowerShell({ powershell: { profile: ONEDRIVE_51, policy: 'Unrestricted' } });
  assert.deepEqual(await windowsPowerShellProfiles(stub.run, FALLBACK), { files: [ONEDRIVE_51], skipped: [] });
});

test('an edition that fails or times out is left out; with no answer at all the usual path is the guess', async () => {
  const timedOut = Object.assign(new Error('Command failed: pwsh'), { killed: true, signal: 'SIGTERM' });
  assert.deepEqual(await askPowerShellProfiles(stubPowerShell({ pwsh: timedOut, powershell: { profile: ONEDRIVE_51, policy: 'Bypass' } }).run), [{ edition: 'Windows PowerShell 5.1', path: ONEDRIVE_51, executionPolicy: 'Bypass' }]);
  assert.deepEqual((await windowsPowerShellProfiles(stubPowerShell({ pwsh: timedOut }).run, FALLBACK)).files, [FALLBACK]);
  assert.deepEqual(await windowsPowerShellProfiles(stubPowerShell({}).run, FALLBACK), { files: [FALLBACK], skipped: [] });
});

test('an edition whose execution policy would not run the profile is skipped and said so; if none would, the error says what to do', () => {
  const answers = [
    { edition: 'PowerShell 7', path: ONEDRIVE_7, executionPolicy: 'RemoteSigned' },
    { edition: 'Windows PowerShell 5.1', path: ONEDRIVE_51, executionPolicy: 'Restricted' },
  ];
  assert.deepEqual(chooseProfiles(answers, FALLBACK), {
    files: [ONEDRIVE_7],
    skipped: [{ edition: 'Windows PowerShell 5.1', path: ONEDRIVE_51, executionPolicy: 'Restricted', fix: 'Run `Set-ExecutionPolicy -Scope CurrentUser RemoteSigned` in Windows PowerShell 5.1, then apply again' }],
  });
  assert.throws(() => chooseProfiles([answers[1]!, { ...answers[0]!, executionPolicy: 'AllSigned' }], FALLBACK), /Windows PowerShell 5\.1: Restricted.*--print --rc --shell powershell.*Set-ExecutionPolicy -Scope CurrentUser RemoteSigned/);
});
