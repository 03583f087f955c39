import http from 'node:http';

/**
 * A closed-loop HTTP load: `connections` clients, each sending its next request as soon as the last one is
 * answered, for a fixed time. Answers during the warm-up are not counted. Latency is measured per request from
 * the first byte sent to the last byte read, on kept-alive connections.
 */

export type LoadRequest = { path: string; body: string; headers: Record<string, string> };
export type LoadOptions = {
  url: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  next: (i: number) => LoadRequest;
};
export type Percentiles = { p50: number; p95: number; p99: number; mean: number; max: number };
export type LoadResult = {
  requests: number;
  seconds: number;
  perSecond: number;
  latencyMs: Percentiles;
  /** Answers by HTTP status, and registrations by the status they got. */
  httpStatus: Record<string, number>;
  outcome: Record<string, number>;
  errors: string[];
};

export function percentiles(samples: number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (v: number) => Math.round(v * 100) / 100;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.length ? sum / sorted.length : 0),
    max: round(sorted.at(-1) ?? 0),
  };
}

function send(agent: http.Agent, base: URL, req: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: req.path,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body), ...req.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const started = performance.now();
  const measureFrom = started + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const latencies: number[] = [];
  const httpStatus: Record<string, number> = {};
  const outcome: Record<string, number> = {};
  const errors: string[] = [];
  let issued = 0;

  const worker = async () => {
    while (performance.now() < end) {
      const req = options.next(issued++);
      const t0 = performance.now();
      try {
        const res = await send(agent, base, req);
        const t1 = performance.now();
        if (t0 < measureFrom) continue;
        latencies.push(t1 - t0);
        httpStatus[res.status] = (httpStatus[res.status] ?? 0) + 1;
        // the registration's own status is the first one its answer names
        const status = /"status":"(\w+)"/.exec(res.body)?.[1] ?? 'none';
        if (res.status === 201) outcome[status] = (outcome[status] ?? 0) + 1;
        else if (errors.length < 5) errors.push(`${res.status} ${res.body.slice(0, 300)}`);
      } catch (error) {
        if (errors.length < 5) errors.push(String(error));
        httpStatus.failed = (httpStatus.failed ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  const seconds = (performance.now() - measureFrom) / 1000;
  return {
    requests: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latencyMs: percentiles(latencies),
    httpStatus,
    outcome,
    errors,
  };
}
