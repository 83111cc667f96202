import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { defaultConfig } from '../../src/lint/config.js';
import { fixText, lintText, RuleSet } from '../../src/lint/engine.js';

const rules = new RuleSet(RULES);
const codes = (text: string) =>
  lintText({ text, path: 'Dockerfile', config: defaultConfig() }, rules).findings.map((f) => `${f.line}:${f.code}`);

const BASE = 'FROM alpine:3.20\nRUN apk add curl\nRUN apk add git\nUSER 10001\n';

describe('ignore comments', () => {
  it('without any, both apk findings appear', () => {
    expect(codes(BASE)).toEqual(['2:GF005', '3:GF005']);
  });

  it('gofile ignore= covers the next instruction only, by code, name or alias, with a reason', () => {
    expect(codes('FROM alpine:3.20\n# gofile ignore=GF005 -- the index is needed later\nRUN apk add curl\nRUN apk add git\nUSER 10001\n')).toEqual(['4:GF005']);
    expect(codes('FROM alpine:3.20\n# gofile ignore=apk-without-no-cache\nRUN apk add curl\nRUN apk add git\nUSER 10001\n')).toEqual(['4:GF005']);
    expect(codes('FROM alpine:3.20\n# gofile ignore=DL3019\nRUN apk add curl\nRUN apk add git\nUSER 10001\n')).toEqual(['4:GF005']);
  });

  it('gofile ignore-stage= covers the rest of the stage, not the next one', () => {
    const text = 'FROM alpine:3.20 AS a\n# gofile ignore-stage=GF005\nRUN apk add curl\nRUN apk add git\nFROM alpine:3.20\nRUN apk add jq\nUSER 10001\n';
    expect(codes(text)).toEqual(['6:GF005']);
  });

  it('gofile ignore-file= and hadolint global ignore= cover the whole file, wherever they stand', () => {
    expect(codes('FROM alpine:3.20\nRUN apk add curl\n# gofile ignore-file=apk-without-no-cache\nRUN apk add git\nUSER 10001\n')).toEqual([]);
    expect(codes('# hadolint global ignore=DL3019\nFROM alpine:3.20\nRUN apk add curl\nUSER 10001\n')).toEqual([]);
  });

  it('hadolint ignore= covers the next instruction, several ids at once', () => {
    expect(codes('FROM alpine\n# hadolint ignore=DL3006,DL3019\nRUN apk add curl\nUSER 10001\n')).toEqual(['1:GF001']);
  });

  it('BuildKit check=skip works as the file directive and above an instruction; "all" skips everything', () => {
    expect(codes('# check=skip=DL3019\n' + BASE)).toEqual([]);
    expect(codes('FROM alpine:3.20\n# check=skip=apk-without-no-cache\nRUN apk add curl\nRUN apk add git\nUSER 10001\n')).toEqual(['4:GF005']);
    expect(codes('# gofile ignore-file=all\nFROM alpine\nRUN apk add curl\n')).toEqual([]);
  });

  it('an ignore comment for another rule changes nothing', () => {
    expect(codes('FROM alpine:3.20\n# gofile ignore=root-user\nRUN apk add curl\nRUN apk add git\nUSER 10001\n')).toEqual(['3:GF005', '4:GF005']);
  });

  it('parse errors are never suppressed by rule ignores of other rules', () => {
    expect(codes('# gofile ignore-file=GF005\nFROM alpine:3.20\nFROBNICATE\n')).toEqual(['3:GF000']);
  });

  describe('an id no rule has (GF239 unknown-rule-in-ignore)', () => {
    const lint = (text: string, config = defaultConfig()) => lintText({ text, path: 'Dockerfile', config }, rules).findings;

    it('is reported where it is written, with the closest rule name, and the finding it meant to hide still prints', () => {
      const text = 'FROM alpine:3.20\n# gofile ignore=apk-without-nocache -- later steps need the index\nRUN apk add curl\nUSER 10001\n';
      const f = lint(text);
      expect(f.map((x) => `${x.line}:${x.column}:${x.code}`)).toEqual(['2:17:GF239', '3:5:GF005']);
      expect(f[0].message).toBe('"apk-without-nocache" names no gofile rule, so this comment hides nothing; did you mean "apk-without-no-cache"? (gofile rules lists them all)');
      expect(f[0].severity).toBe('warning');
      expect(f[0].endColumn).toBe(17 + 'apk-without-nocache'.length);
    });

    it('--fix mends the comment first, so the finding it hides is not fixed away', () => {
      const text = 'FROM alpine:3.20\n# gofile ignore=GF003, apk-without-nocache\nRUN apk add curl\nUSER 10001\n';
      const r = fixText({ text, path: 'Dockerfile', config: defaultConfig() }, rules);
      expect(r.text).toBe(text.replace('nocache', 'no-cache'));
      expect(r.findings).toEqual([]);
    });

    it('checks every scope of gofile\'s own comments; a mistyped code gets no guess and no fix', () => {
      const f = lint('# gofile ignore-file=GF0005\nFROM alpine:3.20\n# gofile ignore-stage=rootuser\nRUN apk add --no-cache curl\nUSER 10001\n');
      expect(f.map((x) => `${x.line}:${x.column}:${x.code}:${x.fixable}`)).toEqual(['1:22:GF239:false', '3:23:GF239:true']);
      expect(f[0].message).not.toContain('did you mean');
      expect(f[1].message).toContain('did you mean "root-user"');
    });

    it('codes, names, aliases, engine ids and `all` are known; other linters\' comments are theirs to check', () => {
      expect(lint('FROM alpine:3.20\n# gofile ignore=GF005,apk-without-no-cache,DL3019,parse-error,gf239\nRUN apk add curl\nUSER 10001\n')).toEqual([]);
      expect(lint('# gofile ignore-file=all\nFROM alpine\nRUN apk add curl\n')).toEqual([]);
      expect(lint('FROM alpine:3.20\n# hadolint ignore=DL3059,DL3019\nRUN apk add curl\n# check=skip=SomeBuildkitCheck\nUSER 10001\n')).toEqual([]);
    });

    it('--fix edits the right bytes of a file that starts with a byte-order mark', () => {
      const text = '\uFEFFFROM alpine:3.20\n# gofile ignore=roo-usr\nRUN apk add curl\nUSER 10001\n';
      const r = fixText({ text, path: 'Dockerfile', config: defaultConfig() }, rules);
      expect(r.text).toBe('\uFEFFFROM alpine:3.20\n# gofile ignore=root-user\nRUN apk add --no-cache curl\nUSER 10001\n');
    });

    it('reads the ids as the comment does: a space does not separate two, so that comment hides nothing', () => {
      const f = lint('FROM alpine:3.20\n# gofile ignore=root-user apk-without-no-cache\nRUN apk add curl\n');
      expect(f.map((x) => `${x.line}:${x.column}:${x.code}`)).toEqual(['1:1:GF003', '2:17:GF239', '3:5:GF005']);
      expect(f[1].message).toContain('"root-user apk-without-no-cache" names no gofile rule');
    });

    it('is silenced by an ignore comment above the same instruction, the way its docs say', () => {
      const base = 'FROM alpine:3.20\nUSER 10001\n';
      expect(lint(base + '# gofile ignore=unknown-rule-in-ignore,roo-user\nRUN echo hi\n')).toEqual([]);
      expect(lint(base + '# gofile ignore=unknown-rule-in-ignore\n# gofile ignore=roo-user\nRUN echo hi\n')).toEqual([]);
      expect(lint(base + '# gofile ignore=roo-user\nRUN echo hi\n').map((x) => x.code)).toEqual(['GF239']);
    });

    it('is configured like a rule: off in the config, or ignored file-wide', () => {
      const text = 'FROM alpine:3.20\n# gofile ignore=root-usr\nRUN apk add --no-cache curl\nUSER 10001\n';
      expect(lint(text).map((x) => x.code)).toEqual(['GF239']);
      expect(lint(text, { ...defaultConfig(), disabled: ['unknown-rule-in-ignore'] })).toEqual([]);
      expect(lint('# gofile ignore-file=GF239\n' + text)).toEqual([]);
    });
  });
});
