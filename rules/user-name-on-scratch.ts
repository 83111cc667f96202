import { escapeRegExp } from '../src/dockerfile/glob.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Stage } from '../src/dockerfile/model.js';
import { copies, finalUser, rootBase } from '../src/lint/helpers.js';
import { stageChain } from './cgo-libc-mismatch.js';

// The ids every distro and distroless give these names; on scratch nothing else could be meant.
const KNOWN_IDS: Record<string, string> = { nonroot: '65532', nobody: '65534' };
const KNOWN_GROUPS: Record<string, string[]> = { nonroot: ['nonroot'], nobody: ['nobody', 'nogroup'] };

/** Does the stage copy in a file named `name` under /etc, or a whole /etc or root filesystem? */
export function copiesEtcFile(stage: Stage, name: string): boolean {
  const file = new RegExp(`(^|/)${escapeRegExp(name)}$`);
  return stageChain(stage).some((s) => copies(s).some((c) =>
    file.test(c.dest) || c.sources.some((src) => file.test(src) || /^\/?(etc\/?)?$/.test(src) || /\.tar(\.\w+)?$|\.tgz$/.test(src) && c.keyword === 'ADD')));
}

const isId = (s: string) => /^\d+$/.test(s);

export default {
  meta: {
    code: 'GF104',
    name: 'user-name-on-scratch',
    severity: 'error',
    category: 'go',
    description: 'USER with a name on scratch needs an /etc/passwd; use numeric ids.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage || rootBase(stage).kind !== 'scratch') return;
    const found = finalUser(stage);
    if (!found || found.user.includes('$')) return;
    const [user, group] = found.user.split(':');
    const badUser = !isId(user) && !copiesEtcFile(stage, 'passwd');
    const badGroup = group !== undefined && !isId(group) && !copiesEtcFile(stage, 'group');
    if (!badUser && !badGroup) return;
    const what = badUser ? `user "${user}"` : `group "${group}"`;
    const file = badUser ? '/etc/passwd' : '/etc/group';
    let fix;
    const id = KNOWN_IDS[user];
    if (id && badUser && (group === undefined || KNOWN_GROUPS[user].includes(group))) {
      const inst = found.inst;
      const start = inst.argOffset(0);
      const end = inst.argOffset(inst.args.length - 1) + 1;
      fix = { description: `USER ${id}:${id}`, edits: [{ start, end, text: `${id}:${id}` }] };
    }
    const example = id ? `${id}:${id}` : '10001:10001';
    ctx.report({
      span: found.inst.argsSpan ?? found.inst.span,
      message: `scratch has no ${file}, so ${what} cannot be resolved and the container will not start: use numeric ids (USER ${example}) or COPY ${file} from the builder`,
      fix,
    });
  },
} satisfies Rule;

// Its page (rules/user-name-on-scratch.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'The runtime resolves `USER app` through /etc/passwd (and a group name through /etc/group) in the image. scratch has neither, so the container does not start: `unable to find user app: no matching entries in passwd file`. Numeric ids need no lookup. Copy a passwd file from the builder if the name matters.',
  bad: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER nonroot\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
  fix: '`--fix` replaces `nonroot` by `65532:65532` and `nobody` by `65534:65534` (the ids distroless and Debian/Alpine use). Other names: pick a numeric id, or create the user in the builder and `COPY --from=build /etc/passwd /etc/passwd`.',
};
