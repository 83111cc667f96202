import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/lint/format/github.js';
import { CWD, HOSTILE, ROOT_FILE, makeContext, sampleFindings } from './fixtures.js';

/** The runner's decoding, written out from GitHub's documented escapes. */
function unescape(s: string): string {
  return s.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%3A', ':').replaceAll('%2C', ',').replaceAll('%25', '%');
}

describe('github format', () => {
  it('prints one workflow command per finding, levels mapped, paths relative', () => {
    expect(formatGithub(sampleFindings(), makeContext())).toBe(
      [
        '::error file=Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=GF001 unpinned-base-image::Pin golang to a version tag.',
        '::notice file=Dockerfile,line=3,col=1,endLine=3,endColumn=4,title=GF003 instruction-casing::Write RUN in upper case.',
        '::notice file=Dockerfile,line=12,col=1,endLine=12,endColumn=10,title=GF020 scratch-zoneinfo::The final scratch stage has no zoneinfo.',
        '::error file=cmd/api/Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=GF001 unpinned-base-image::Pin alpine to a version tag.',
        '::warning file=cmd/api/Dockerfile,line=7,col=5,endLine=7,endColumn=30,title=GF005 apk-no-cache::Use apk add --no-cache.',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a clean run', () => {
    expect(formatGithub([], makeContext())).toBe('');
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    const [f] = sampleFindings();
    const file = path.join(CWD, 'we:ird,dir', '100%.Dockerfile');
    const out = formatGithub([{ ...f, file, message: HOSTILE }], makeContext());
    expect(out.split('\n')).toHaveLength(2); // the command plus the final newline: no line break leaked
    const [, props, message] = /^::warning (.*?)::(.*)\n$/.exec(out)!;
    expect(message).toBe(`bad <tag> & "quoted" 'single' 100%25 done%0Anext line%0D%0Akey: a,b`);
    expect(unescape(message)).toBe(HOSTILE);
    const fileProp = props.split(',').find((p) => p.startsWith('file='))!;
    expect(fileProp).toBe('file=we%3Aird%2Cdir/100%25.Dockerfile');
    expect(unescape(fileProp.slice('file='.length))).toBe('we:ird,dir/100%.Dockerfile');
  });

  it('escapes % before the others, so an escape is never escaped twice', () => {
    expect(escapeData('%0A\n')).toBe('%250A%0A');
    expect(escapeProperty('a:%,')).toBe('a%3A%25%2C');
  });

  it('accepts relative finding paths and paths outside cwd', () => {
    const [f] = sampleFindings();
    const out = formatGithub([{ ...f, file: 'Dockerfile' }, { ...f, file: path.join(CWD, '..', 'other', 'Dockerfile') }], makeContext());
    expect(out).toContain('::warning file=Dockerfile,line=7');
    expect(out).toContain('::warning file=../other/Dockerfile,line=7');
  });
});
