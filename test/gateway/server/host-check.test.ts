import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { checkHostHeader, extraHostNames, isLoopbackHost, localBaseUrl } from '../../../gateway/server/host-check.ts';
import { GatewayError } from '../../../gateway/errors/index.ts';

const PORT = 4747;
const NONE = new Set<string>();

function refused(header: string | undefined, extra: ReadonlySet<string> = NONE): boolean {
  try {
    checkHostHeader(header, PORT, extra);
    return false;
  } catch (error) {
    assert.ok(GatewayError.isInstance(error));
    assert.equal(error.status, 403);
    return true;
  }
}

describe('checkHostHeader', () => {
  test('loopback names and IPs with our port pass, in any case', () => {
    for (const header of ['localhost:4747', 'LOCALHOST:4747', '127.0.0.1:4747', '127.8.9.10:4747', '[::1]:4747']) {
      assert.equal(refused(header), false, header);
    }
  });

  test('rebound names, other ports, missing ports and malformed values are refused', () => {
    const headers = [
      'evil.example:4747', 'localhost.evil.example:4747', '127.0.0.1.nip.io:4747', 'localhost:4748', 'localhost', '127.0.0.1:80',
      '[::1]', '::1:4747', '[::2]:4747', '10.0.0.5:4747', '', 'localhost:4747:1', 'localhost:99999999', 'local host:4747', undefined,
    ];
    for (const header of headers) assert.equal(refused(header), true, String(header));
  });

  test('the message names the refused Host, cut short, and says how to fix it', () => {
    try {
      checkHostHeader(`${'a'.repeat(5000)}:4747`, PORT, NONE);
      assert.fail('expected a refusal');
    } catch (error) {
      const message = (error as Error).message;
      assert.ok(message.length < 600);
      assert.match(message, /DNS rebinding/);
      assert.match(message, /127\.0\.0\.1:4747/);
    }
  });

  test('bound elsewhere, that address is accepted too', () => {
    const extra = extraHostNames('192.168.7.7');
    assert.equal(refused('192.168.7.7:4747', extra), false);
    assert.equal(refused('localhost:4747', extra), false);
    assert.equal(refused('192.168.7.8:4747', extra), true);
  });

  test('a wildcard bind accepts this machine\'s name; a loopback bind adds nothing', () => {
    assert.ok(extraHostNames('0.0.0.0').has(hostname().toLowerCase()));
    assert.equal(extraHostNames('127.0.0.1').size, 0);
    assert.equal(extraHostNames('localhost').size, 0);
  });

  test('isLoopbackHost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', 'Localhost']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '128.0.0.1']) assert.equal(isLoopbackHost(host), false, host);
  });
});

test('the base URL given to local clients passes the Host check, wildcard binds included', () => {
  for (const bind of ['127.0.0.1', '::1', '0.0.0.0', '::', '192.168.7.7']) {
    const url = new URL(localBaseUrl(bind, PORT));
    assert.equal(refused(url.host, extraHostNames(bind)), false, `${bind} -> ${url.href}`);
  }
  assert.equal(localBaseUrl('0.0.0.0', PORT), 'http://127.0.0.1:4747');
  assert.equal(localBaseUrl('::1', PORT), 'http://[::1]:4747');
});
