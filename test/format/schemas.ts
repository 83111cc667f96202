import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04Module from 'ajv-draft-04';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';

// These packages are CommonJS with `exports.default`; under NodeNext that is where the types sit.
const AjvDraft04 = AjvDraft04Module.default;
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function readSchema(name: string): object {
  return JSON.parse(readFileSync(new URL(`./schemas/${name}`, import.meta.url), 'utf8')) as object;
}

/**
 * Validates against the SARIF 2.1.0 JSON Schema as published (2.1.0-rtm.5, draft-04, with formats checked).
 * It is read from the npm package @microsoft/jest-sarif, which ships it; we keep no copy of it in this repository.
 */
export function sarifValidator() {
  // unicodeRegExp off: the published schema has a pattern ('…{2}]?$') that only non-unicode RegExp accepts
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const path = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as { id?: string };
  delete schema.id; // its id points at schemastore, which ajv would try to treat as a remote base
  return ajv.compile(schema);
}

/** Validates against our schema of GitLab's documented Code Quality fields (see the $comment in it). */
export function gitlabValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false }); // "required" inside oneOf names properties declared one level up
  addFormats(ajv);
  return ajv.compile(readSchema('gitlab-code-quality.schema.json'));
}
