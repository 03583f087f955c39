import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkOutboundUrl,
  guardedLookup,
  isBlockedAddress,
  OutboundRefused,
  resolvePublic,
  safeFetch,
} from './outbound.js';

describe('which addresses an outbound call may reach', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['0.0.0.0', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['198.18.0.1', true],
    ['8.8.8.8', false],
    ['93.184.215.14', false],
    ['::', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a9fe:a9fe', true],
    ['::ffff:8.8.8.8', false],
    ['::127.0.0.1', true],
    ['64:ff9b::a00:1', true],
    ['2002:7f00:1::', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['fc00::1', true],
    ['ff02::1', true],
    ['2001:db8::1', true],
    ['2606:4700:4700::1111', false],
    ['not-an-address', true],
  ])('%s blocked: %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});

describe('which URLs an outbound call may take', () => {
  it.each([
    ['https://example.com/hook', null],
    ['http://example.com:8080/hook', null],
    ['http://8.8.8.8/', null],
    ['ftp://example.com/', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['gopher://example.com/', 'only http and https'],
    ['https://user:pass@example.com/', 'credentials in the URL'],
    ['http://127.0.0.1/', 'not a public address'],
    ['http://2130706433/', 'not a public address'],
    ['http://0x7f000001/', 'not a public address'],
    ['http://0177.0.0.1/', 'not a public address'],
    ['http://127.1/', 'not a public address'],
    ['http://0/', 'not a public address'],
    ['http://[::1]/', 'not a public address'],
    ['http://[::ffff:127.0.0.1]/', 'not a public address'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'not a public address'],
    ['http://169.254.169.254/latest/meta-data/', 'not a public address'],
    ['http://[fe80::1%25eth0]/', 'not a URL'],
    ['http://localhost:3000/', 'localhost'],
    ['http://api.localhost/', 'localhost'],
    ['http://LOCALHOST./', 'localhost'],
    ['not a url', 'not a URL'],
  ])('%s → %s', (url, refusal) => {
    if (refusal === null) {
      expect(checkOutboundUrl(url)).toBeInstanceOf(URL);
    } else {
      expect(() => checkOutboundUrl(url)).toThrow(refusal);
    }
  });
});

describe('names that resolve to internal addresses', () => {
  const resolver = (answers: Record<string, string[]>) => async (host: string) =>
    (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const dns = resolver({
    'public.test': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'internal.test': ['10.0.0.5'],
    'mixed.test': ['93.184.215.14', '127.0.0.1'],
    'metadata.test': ['169.254.169.254'],
    'mapped.test': ['::ffff:192.168.0.1'],
  });

  it.each([
    ['public.test', null],
    ['internal.test', '10.0.0.5'],
    ['mixed.test', '127.0.0.1'],
    ['metadata.test', '169.254.169.254'],
    ['mapped.test', '::ffff:192.168.0.1'],
    ['nowhere.test', 'does not resolve'],
  ])('%s refused for: %s', async (host, refusal) => {
    const result = resolvePublic(host, dns);
    if (refusal === null) await expect(result).resolves.toHaveLength(2);
    else await expect(result).rejects.toThrow(refusal);
  });

  it('pins the connection to the address it checked, and checks again at every connection', async () => {
    let answers = ['93.184.215.14'];
    const rebinding = async () => answers.map((address) => ({ address, family: 4 }));
    const lookup = guardedLookup(rebinding);
    const first = await new Promise<[Error | null, string]>((resolve) =>
      lookup('rebind.test', { family: 0 }, (err, address) => resolve([err, address as string])),
    );
    expect(first).toEqual([null, '93.184.215.14']);
    answers = ['127.0.0.1'];
    const second = await new Promise<Error | null>((resolve) => lookup('rebind.test', {}, (err) => resolve(err)));
    expect(second).toBeInstanceOf(OutboundRefused);
  });
});

describe('safeFetch', () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('internal secret');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['a loopback literal', () => `http://127.0.0.1:${port}/`, undefined],
    ['a decimal loopback', () => `http://2130706433:${port}/`, undefined],
    ['a mapped loopback', () => `http://[::ffff:127.0.0.1]:${port}/`, undefined],
    [
      'a name that resolves to loopback',
      () => `http://hook.example:${port}/`,
      async () => [{ address: '127.0.0.1', family: 4 }],
    ],
  ])('refuses %s and never connects', async (_what, url, resolver) => {
    await expect(safeFetch(url(), { resolver })).rejects.toBeInstanceOf(OutboundRefused);
    expect(hits).toBe(0);
  });
});
