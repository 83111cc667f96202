import type { Rule, RuleDocs } from '../src/lint/types.js';
import { runs } from '../src/lint/helpers.js';

// A whole command in one pair of quotes: the shell looks for a program named "mkdir app".
const QUOTED = /^(["'])([^"'\\$`]*\s[^"'\\$`]*)\1$/;

export default {
  meta: {
    code: 'GF237',
    name: 'quoted-command',
    severity: 'error',
    category: 'correctness',
    description: 'A shell-form RUN whose whole command is one quoted string runs a program named after the whole string.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        if (run.json || run.heredocs.length) continue;
        const m = QUOTED.exec(run.args.trim());
        if (!m) continue;
        const lead = run.args.length - run.args.trimStart().length;
        const start = run.argOffset(lead);
        const end = run.argOffset(lead + m[0].length - 1) + 1;
        // one continuous stretch of the file: the fix replaces it with the unquoted text
        const fix = end - start === m[0].length
          ? { description: 'drop the quotes', edits: [{ start, end, text: m[2] }] }
          : undefined;
        ctx.report({
          span: run.argSpan(lead, lead + m[0].length),
          message: `the shell will look for a program named ${m[0]}: drop the quotes (RUN ${m[2]}) or use exec form`,
          fix,
        });
      }
    }
  },
} satisfies Rule;

// Its page (rules/quoted-command.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`RUN "go build main.go"` hands `/bin/sh -c` a single quoted word, so the shell looks for a program literally called `go build main.go` and the build stops with `not found`. It looks like JSON exec form with the brackets forgotten; either drop the quotes (shell form) or write the exec form `RUN ["go", "build", "main.go"]`.',
  bad: 'FROM golang:1.23 AS build\nRUN "go build -o /app ."',
  good: 'FROM golang:1.23 AS build\nRUN go build -o /app .',
  fix: '`--fix` drops the quotes when the string has no quotes, escapes or `$` inside.',
};
