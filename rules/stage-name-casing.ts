import type { DockerfileModel, Stage } from '../src/dockerfile/model.js';
import { splitFields } from '../src/dockerfile/words.js';
import type { Rule, TextEdit, RuleDocs } from '../src/lint/types.js';
import { copies, runs, stageNameSpan } from '../src/lint/helpers.js';

/** Edits that lower-case the stage's name where it is defined and everywhere it is referenced literally. */
function lowerCaseEdits(model: DockerfileModel, stage: Stage): TextEdit[] {
  const name = stage.name!;
  const lower = name.toLowerCase();
  const edits: TextEdit[] = [];
  const word = splitFields(stage.from.args)[2];
  edits.push({ start: stage.from.argOffset(word.start), end: stage.from.argOffset(word.end - 1) + 1, text: lower });
  for (const s of model.stages) {
    const base = splitFields(s.from.args)[0];
    if (s.base.kind === 'stage' && s.base.stage === stage && base && base.text.toLowerCase() === lower) {
      edits.push({ start: s.from.argOffset(base.start), end: s.from.argOffset(base.end - 1) + 1, text: lower });
    }
    for (const c of copies(s)) {
      const flag = c.flags.find((f) => f.name === 'from');
      if (flag?.value && flag.value.toLowerCase() === lower && flag.value !== lower) {
        const end = flag.span.end.offset;
        if (model.text.slice(end - flag.value.length, end) === flag.value) edits.push({ start: end - flag.value.length, end, text: lower });
      }
    }
    for (const run of runs(s)) {
      for (const f of run.flags) {
        if (f.name !== 'mount') continue;
        const text = model.text.slice(f.span.start.offset, f.span.end.offset);
        for (const m of text.matchAll(/([,=]from=)([^,\s"']+)/gi)) {
          if (m[2].toLowerCase() !== lower || m[2] === lower) continue;
          const start = f.span.start.offset + m.index! + m[1].length;
          edits.push({ start, end: start + m[2].length, text: lower });
        }
      }
    }
  }
  return edits;
}

export default {
  meta: {
    code: 'GF216',
    name: 'stage-name-casing',
    severity: 'warning',
    category: 'hygiene',
    description: 'Stage names should be lower-case.',
    aliases: ['StageNameCasing'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (!stage.name || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      ctx.report({
        span: stageNameSpan(stage),
        message: `stage name ${stage.name} should be lower-case: ${lower}`,
        fix: { description: `rename the stage to ${lower}`, edits: lowerCaseEdits(ctx.model, stage) },
      });
    }
  },
} satisfies Rule;

// Its page (rules/stage-name-casing.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit lower-cases stage names, so `FROM golang AS Builder` is really `builder`, and `--target Builder`, `COPY --from=BUILDER` and `builder` all mean the same stage. Writing them in lower case everywhere keeps the file honest about that and avoids two spellings of one name.',
  bad: 'FROM golang:1.23 AS Builder\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=Builder /out/app /app',
  good: 'FROM golang:1.23 AS builder\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=builder /out/app /app',
  fix: '`--fix` lower-cases the name in its FROM line and in every `FROM <stage>`, `COPY --from=` and `RUN --mount=from=` that spells it out.',
};
