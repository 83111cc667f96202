import { readFileSync } from 'node:fs';
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

/** Validates against the official OASIS SARIF 2.1.0 schema (draft-04, with formats checked). */
export function sarifValidator() {
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(readSchema('sarif-schema-2.1.0.json'));
}

/** Validates against our schema of GitLab's documented Code Quality fields (see the $comment in it). */
export function gitlabValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false }); // "required" inside oneOf names properties declared one level up
  addFormats(ajv);
  return ajv.compile(readSchema('gitlab-code-quality.schema.json'));
}
