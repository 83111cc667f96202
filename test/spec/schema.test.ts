// The JSON Schema and the loader state the same rules: same keys, and what one accepts the other does.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { SPEC_SCHEMA } from '../../src/spec/jsonschema.js';
import { BASE_KEYWORDS, type GofileSpec } from '../../src/spec/types.js';
import { runSchema } from '../../src/commands/schema.js';
import { REPO } from '../helpers/shared.js';
import { specArbitrary } from './arbitrary.js';
import type { Io } from '../../src/io.js';

const schemaPath = join(REPO, 'schema', 'gofile.schema.json');
const schemaJson = JSON.parse(readFileSync(schemaPath, 'utf8'));
// CommonJS with `exports.default`: under NodeNext that is where the class sits.
const Ajv2020 = Ajv2020Module.default;
// Strict mode, except that `type: [string, number]` (a YAML number read as text) is a union on purpose.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(schemaJson);

// Every key of GofileSpec, checked by the compiler: adding a field to the type without listing it here fails tsc.
const SPEC_KEYS = {
  repo: 1, ref: 1, path: 1, scratch: 1, go: 1, name: 1, cgo: 1, tags: 1, ldflags: 1, strip: 1, trimpath: 1, buildArgs: 1, buildEnv: 1,
  buildPackages: 1, platforms: 1, private: 1, builder: 1, builderDigest: 1, base: 1, baseDigest: 1, packages: 1, certs: 1, tzdata: 1,
  user: 1, workdir: 1, env: 1, ports: 1, labels: 1, entrypoint: 1, args: 1, healthcheck: 1, copy: 1, build: 1, prebuilt: 1, buildFlags: 1, initModule: 1, setup: 1, dirs: 1, volumes: 1, stopSignal: 1, moduleDir: 1, binaries: 1,
} satisfies Record<keyof GofileSpec, 1>;

const accepts = (text: string) => {
  try { loadSpec(text, 'g.yaml'); return true; } catch { return false; }
};

describe('schema/gofile.schema.json', () => {
  it('is valid draft 2020-12 under ajv strict mode', () => expect(validate).toBeTypeOf('function'));
  it('is what the loader interprets (the same file)', () => expect(SPEC_SCHEMA).toEqual(schemaJson));
  it('names exactly the keys of GofileSpec, and the loader accepts exactly those', () => {
    expect(Object.keys(schemaJson.properties).sort()).toEqual(Object.keys(SPEC_KEYS).sort());
    expect(schemaJson.additionalProperties).toBe(false);
    for (const k of Object.keys(SPEC_KEYS)) expect(accepts(`path: .\n${k}: {}\n`) || !accepts(`path: .\n${k}x: {}\n`), k).toBe(true);
    expect(accepts('path: .\nnotakey: 1\n')).toBe(false);
  });
  it('describes every field, for editors', () => {
    const walk = (node: Record<string, unknown>, at: string) => {
      for (const [k, v] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        expect(typeof v.description, `${at}${k}`).toBe('string');
        walk(v, `${at}${k}.`);
        if (v.items) walk(v.items as Record<string, unknown>, `${at}${k}[].`);
      }
    };
    walk(schemaJson, '');
  });
  it('offers the base keywords as an enum', () => expect(schemaJson.properties.base.anyOf[0].enum).toEqual([...BASE_KEYWORDS]));
  it('accepts every spec in corpus/specs', () => {
    const dir = join(REPO, 'corpus', 'specs');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const data = parse(readFileSync(join(dir, f), 'utf8'));
      expect(validate(data), `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
  it('accepts every spec the loader accepts (generated, 300 runs)', () => {
    fc.assert(fc.property(specArbitrary, (spec) => {
      expect(accepts(stringify(spec))).toBe(true);
      expect(validate(JSON.parse(JSON.stringify(spec))), ajv.errorsText(validate.errors)).toBe(true);
    }), { numRuns: 300 });
  });

  // Fields the loader checks with the schema alone: the two agree on every string, not only in one direction.
  const SCHEMA_ONLY = ['name', 'go', 'workdir', 'builderDigest', 'baseDigest', 'tags', 'args', 'platforms', 'buildPackages'];
  const hostile = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: fc.constantFrom(...'aZ09._-/:@+=~$;|&`\'" \\\n\t{}()*?!#<>[]'.split('')), maxLength: 12 }),
    fc.constantFrom('../x', '/abs', 'a..b', '${X}', '$(id)', 'a b', '1.23', 'sha256:' + 'a'.repeat(64), '\u00e9', 'x\r'),
  );
  it.each(SCHEMA_ONLY)('agrees with the loader on any string in %s (400 runs)', (field) => {
    const isList = schemaJson.properties[field].type === 'array';
    fc.assert(fc.property(hostile, (s) => {
      const spec = { path: '.', [field]: isList ? [s] : s };
      expect(accepts(stringify(spec)), JSON.stringify(s)).toBe(validate(spec));
    }), { numRuns: 400 });
  });
  it('refuses (loader) whatever it refuses (schema) in any field (400 runs)', () => {
    const fields = Object.keys(SPEC_KEYS).filter((k) => k !== 'path');
    fc.assert(fc.property(fc.constantFrom(...fields), fc.oneof(hostile, fc.integer(), fc.boolean(), fc.array(hostile, { maxLength: 2 }), fc.dictionary(hostile, hostile, { maxKeys: 2 })), (field, value) => {
      const spec = { path: '.', [field]: value };
      if (!validate(spec)) expect(accepts(stringify(spec)), `${field}: ${JSON.stringify(value)}`).toBe(false);
    }), { numRuns: 400 });
  });
});

describe('gofile schema', () => {
  it('prints the shipped schema', () => {
    let out = '';
    const io = { stdout: (s: string) => { out += s; }, stderr: () => {}, stdoutIsTTY: false, stdin: async () => '', cwd: REPO, env: {} } as Io;
    expect(runSchema(io)).toBe(0);
    expect(JSON.parse(out)).toEqual(schemaJson);
  });
  it('is shipped in the package', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.files).toContain('schema');
  });
});
