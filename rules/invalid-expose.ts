import type { Rule, RuleDocs } from '../src/lint/types.js';
import { splitFields } from '../src/dockerfile/words.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MAX_PORT = 65535;

type Problem = { message: string; fixedProto?: string };

/** What is wrong with one EXPOSE word (quotes already removed), if anything. */
function problem(word: string): Problem | undefined {
  if (word.includes(':')) {
    const container = word.split(':').at(-1);
    return { message: `EXPOSE takes container ports only: \`${word}\` is a \`docker run -p\` mapping and BuildKit drops the IP and host port; write \`EXPOSE ${container}\` and publish at run time` };
  }
  const [ports, proto, ...extra] = word.split('/');
  if (extra.length) return { message: `\`${word}\` is not a port: write <port>[/<protocol>]` };
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) return { message: `\`${ports}\` is not a port number: EXPOSE takes <port>[-<port>][/tcp|udp|sctp]` };
  const [lo, hi] = [Number(m[1]), Number(m[2] ?? m[1])];
  if (lo > MAX_PORT || hi > MAX_PORT) return { message: `port ${Math.max(lo, hi)} is out of range: ports go from 0 to ${MAX_PORT}` };
  if (lo > hi) return { message: `the port range ${ports} is backwards: write ${hi}-${lo}` };
  if (proto === undefined) return undefined;
  if (!PROTOCOLS.has(proto.toLowerCase())) return { message: `unknown protocol \`${proto}\`: EXPOSE accepts tcp, udp or sctp` };
  if (proto !== proto.toLowerCase()) return { message: `write the protocol in lower case: ${ports}/${proto.toLowerCase()}`, fixedProto: proto.toLowerCase() };
  return undefined;
}

export default {
  meta: {
    code: 'GF222',
    name: 'invalid-expose',
    severity: 'error',
    category: 'correctness',
    description: 'EXPOSE ports must be 0–65535, without IP or host-port mappings, with protocol tcp, udp or sctp in lower case.',
    aliases: ['DL3011', 'ExposeInvalidFormat', 'ExposeProtoCasing'],
    fixable: true,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const w of splitFields(inst.args)) {
        if (w.text.includes('$')) continue; // resolved at build time
        const quoted = /^(["']).*\1$/.test(w.text);
        const word = quoted ? w.text.slice(1, -1) : w.text;
        const p = problem(word);
        if (!p) continue;
        let fix;
        if (p.fixedProto) {
          const slash = w.start + (quoted ? 1 : 0) + word.lastIndexOf('/') + 1;
          const start = inst.argOffset(slash);
          fix = { description: `lower-case the protocol`, edits: [{ start, end: start + p.fixedProto.length, text: p.fixedProto }] };
        }
        ctx.report({ span: inst.argSpan(w.start, w.end), message: p.message, fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/invalid-expose.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'EXPOSE documents which container ports the image listens on. A port above 65535 or an unknown protocol makes the build fail; `8080:80` or `127.0.0.1:80:80` is `docker run -p` syntax, and BuildKit silently keeps only the container port, so the host part the author meant never applies. `80/TCP` works but is not the canonical form. Ports given as variables (`EXPOSE ${PORT}`) are not checked.',
  bad: 'FROM gcr.io/distroless/static-debian12:nonroot\nEXPOSE 8080:80 9090/TCP',
  good: 'FROM gcr.io/distroless/static-debian12:nonroot\nEXPOSE 80 9090/tcp',
  fix: '`--fix` lower-cases the protocol. Host ports and IPs belong in `docker run -p` or the compose file.',
};
