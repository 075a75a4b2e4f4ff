import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureCliSignIn, type AzureCliRun } from '../../../../gateway/providers/azure/azure-cli-sign-in.ts';

/** What `az account get-access-token -o json` prints (CLI 2.54+ adds expires_on). */
const printed = (fields: Record<string, unknown>) => JSON.stringify({ accessToken: 'eyJ.cli-token', subscription: 'sub', tenant: 'tenant', tokenType: 'Bearer', ...fields });

function cli(result: { stdout: string } | Record<string, unknown>): { run: AzureCliRun; args: (readonly string[])[] } {
  const args: (readonly string[])[] = [];
  const run: AzureCliRun = (given) => {
    args.push(given);
    return 'stdout' in result ? Promise.resolve({ stdout: result.stdout as string, stderr: '' }) : Promise.reject(Object.assign(new Error('az failed'), result));
  };
  return { run, args };
}

test('asks the CLI for a Cognitive Services token, in the tenant when one is named; expires_on is epoch seconds', async () => {
  const { run, args } = cli({ stdout: printed({ expiresOn: '2026-12-02 14:05:31.000000', expires_on: 1_796_000_000 }) });
  assert.deepEqual(await azureCliSignIn('contoso.onmicrosoft.com', run)(), { value: 'eyJ.cli-token', expiresAt: 1_796_000_000_000 });
  assert.deepEqual(args[0], ['account', 'get-access-token', '--resource', 'https://cognitiveservices.azure.com', '--output', 'json', '--tenant', 'contoso.onmicrosoft.com']);
  const older = cli({ stdout: printed({ expiresOn: '2026-12-02 14:05:31.000000' }) });
  assert.equal((await azureCliSignIn(undefined, older.run)()).expiresAt, new Date(2026, 11, 2, 14, 5, 31).getTime(), 'older CLIs print only expiresOn, in local time');
  assert.equal(older.args[0]?.includes('--tenant'), false);
});

test('not signed in, not installed, hung, or printing nonsense: each says what to do', async () => {
  await assert.rejects(azureCliSignIn(undefined, cli({ code: 1, stderr: "WARNING: something\nERROR: Please run 'az login' to setup account.\n" }).run)(),
    /The Azure CLI could not give Gatehouse a token for Azure: Please run 'az login' to setup account\. Run `az login` in a terminal; the next request asks again\./);
  await assert.rejects(azureCliSignIn('t1', cli({ code: 1, stderr: 'ERROR: AADSTS50076: you must use multi-factor authentication.' }).run)(), /AADSTS50076: .* Run `az login --tenant t1`/);
  await assert.rejects(azureCliSignIn(undefined, cli({ code: 'ENOENT' }).run)(), /az is not installed, or not on the PATH Gatehouse was started with/);
  await assert.rejects(azureCliSignIn(undefined, cli({ killed: true, signal: 'SIGTERM' }).run)(), /did not finish within 60 s/);
  await assert.rejects(azureCliSignIn(undefined, cli({ stdout: 'Please select a subscription' }).run)(), /printed something other than JSON/);
  await assert.rejects(azureCliSignIn(undefined, cli({ stdout: printed({}) }).run)(), /printed no token with an expiry time/);
});

test('a tenant that is not an id or a domain never reaches the command line', () => {
  assert.throws(() => azureCliSignIn('x & calc', cli({ stdout: '' }).run), /not a tenant id or domain/);
});
