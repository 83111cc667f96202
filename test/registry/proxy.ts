// A scriptable HTTP proxy on 127.0.0.1 in front of a real registry: it can fail, stall, rate-limit,
// redirect or demand credentials, and it records what clients send, for the failure-path tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Seen {
  method: string;
  url: string;
  authorization?: string;
}

export type Behaviour = (req: IncomingMessage, res: ServerResponse, n: number) => 'forward' | 'handled';

export interface Proxy {
  host: string;
  seen: Seen[];
  close(): Promise<void>;
}

/** Forwards to `upstream` (host:port) unless `behaviour` answers first; n counts requests from 1. */
export async function startProxy(upstream: string, behaviour: Behaviour = () => 'forward'): Promise<Proxy> {
  const seen: Seen[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    if (behaviour(req, res, ++n) === 'handled') return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'authorization') headers[k] = v;
    fetch(`http://${upstream}${req.url}`, { method: req.method, headers, redirect: 'manual' })
      .then(async (up) => {
        const out: Record<string, string> = {};
        up.headers.forEach((v, k) => {
          if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'connection') out[k] = v;
        });
        const body = req.method === 'HEAD' ? undefined : Buffer.from(await up.arrayBuffer());
        if (body) out['content-length'] = String(body.length);
        res.writeHead(up.status, out);
        res.end(body);
      })
      .catch(() => {
        res.writeHead(502).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address() as { port: number };
  return {
    host: `127.0.0.1:${addr.port}`,
    seen,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}
