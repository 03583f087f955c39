import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Calls Trellis makes to addresses someone else typed in (webhook endpoints) must not reach the machine itself,
 * its cloud metadata service or the private network behind it. Everything here refuses those addresses, however
 * spelled and whatever a DNS name resolves to, and pins each connection to the address that was checked.
 */
export class OutboundRefused extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Outbound call to ${url} refused: ${reason}`);
    this.name = 'OutboundRefused';
  }
}

const BLOCKED: [string, number, 'ipv4' | 'ipv6'][] = [
  ['0.0.0.0', 8, 'ipv4'], // "this network", unspecified
  ['10.0.0.0', 8, 'ipv4'], // private
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['127.0.0.0', 8, 'ipv4'], // loopback
  ['169.254.0.0', 16, 'ipv4'], // link-local, cloud metadata at 169.254.169.254
  ['172.16.0.0', 12, 'ipv4'], // private
  ['192.0.0.0', 24, 'ipv4'], // protocol assignments
  ['192.0.2.0', 24, 'ipv4'], // documentation
  ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'ipv4'], // private
  ['198.18.0.0', 15, 'ipv4'], // benchmarking
  ['198.51.100.0', 24, 'ipv4'], // documentation
  ['203.0.113.0', 24, 'ipv4'], // documentation
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved, broadcast
  ['::', 96, 'ipv6'], // unspecified, loopback and the old IPv4-compatible form
  ['64:ff9b::', 96, 'ipv6'], // NAT64: would reach any IPv4 address, private ones included
  ['64:ff9b:1::', 48, 'ipv6'], // local NAT64
  ['100::', 64, 'ipv6'], // discard
  ['2001::', 32, 'ipv6'], // Teredo tunnels embed an IPv4 address
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['2002::', 16, 'ipv6'], // 6to4 embeds an IPv4 address
  ['fc00::', 7, 'ipv6'], // unique local (private)
  ['fe80::', 10, 'ipv6'], // link-local
  ['fec0::', 10, 'ipv6'], // old site-local
  ['ff00::', 8, 'ipv6'], // multicast
];

const blockList = new BlockList();
for (const [network, prefix, family] of BLOCKED) blockList.addSubnet(network, prefix, family);

/** Whether an IP address (v4 or v6, IPv4-mapped v6 included) is one an outbound call must never reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  // the block list matches ::ffff:a.b.c.d against the IPv4 ranges by itself
  return blockList.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Checks what can be checked without DNS: an http(s) URL without credentials whose host, if an IP literal, is
 * allowed. The URL parser has already turned decimal, octal and hex IPv4 spellings into dotted quads.
 */
export function checkOutboundUrl(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(String(raw), 'not a URL');
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused(shown, 'only http and https');
  if (url.username || url.password) throw new OutboundRefused(shown, 'credentials in the URL');
  const host = hostOf(url);
  if (!host) throw new OutboundRefused(shown, 'no host');
  if (isIP(host) && isBlockedAddress(host)) throw new OutboundRefused(shown, `${host} is not a public address`);
  if (isIP(host) === 0 && /^(localhost|.*\.localhost)\.?$/i.test(host)) {
    throw new OutboundRefused(shown, 'localhost');
  }
  return url;
}

// IPv6 literals come bracketed from the URL parser
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/** Every address a host resolves to, refused if any of them is not public (one bad answer is enough). */
export async function resolvePublic(host: string, resolver: Resolver = systemResolver): Promise<LookupAddress[]> {
  if (isIP(host)) {
    if (isBlockedAddress(host)) throw new OutboundRefused(host, `${host} is not a public address`);
    return [{ address: host, family: isIP(host) }];
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolver(host);
  } catch {
    throw new OutboundRefused(host, 'the name does not resolve');
  }
  if (addresses.length === 0) throw new OutboundRefused(host, 'the name does not resolve');
  const bad = addresses.find((a) => isBlockedAddress(a.address));
  if (bad) throw new OutboundRefused(host, `${host} resolves to ${bad.address}, not a public address`);
  return addresses;
}

/**
 * A `lookup` for node:net, node:http and node:https that resolves once, refuses any non-public answer and
 * hands the socket exactly the address it checked: a DNS answer that changes between check and connect
 * (rebinding) cannot switch the connection to an internal address.
 */
export function guardedLookup(resolver: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolvePublic(hostname.replace(/^\[(.*)\]$/, '$1'), resolver).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
        if (usable.length === 0) {
          callback(new OutboundRefused(hostname, 'no address of the wanted family'), '', 4);
        } else if (options.all) {
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 4),
    );
  };
}

export type SafeFetchOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Milliseconds for the whole exchange; 10 s by default. */
  timeoutMs?: number;
  /** The most bytes of the answer kept; the rest is dropped. 64 KiB by default. */
  maxResponseBytes?: number;
  /** For tests: how names are resolved. */
  resolver?: Resolver;
};

export type SafeResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * One HTTP(S) request to a URL someone else chose. Redirects are not followed (a 3xx is returned as it is):
 * a redirect could point anywhere, and a webhook receiver has no reason to send one.
 */
export async function safeFetch(raw: string | URL, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const url = checkOutboundUrl(raw);
  const lookup = guardedLookup(options.resolver);
  const maxBytes = options.maxResponseBytes ?? 64 * 1024;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SafeResponse>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        lookup,
        // a fresh connection each time: a pooled socket would skip the check
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new OutboundRefused(`${url.protocol}//${url.host}`, 'timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}
