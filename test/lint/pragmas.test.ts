import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { defaultConfig } from '../../src/lint/config.js';
import { lintText, RuleSet } from '../../src/lint/engine.js';

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
});
