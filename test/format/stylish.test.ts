import { describe, expect, it } from 'vitest';
import { formatStylish, printable, stylishFormatter } from '../../src/lint/format/stylish.js';
import type { Finding } from '../../src/lint/types.js';
import { API_FILE, CLEAN_FILE, HOSTILE, ROOT_FILE, makeContext, sampleFindings } from './fixtures.js';

const ESC = '\u001b[';

describe('stylish format', () => {
  it('groups by relative file, aligns columns within a file, marks fixes and sums up', () => {
    expect(formatStylish(sampleFindings(), makeContext())).toBe(
      [
        'Dockerfile',
        '   1:6  error  Pin golang to a version tag.              unpinned-base-image (GF001)',
        '   3:1  style  [*] Write RUN in upper case.              instruction-casing (GF003)',
        '  12:1  info   The final scratch stage has no zoneinfo.  scratch-zoneinfo (GF020)',
        '',
        'cmd/api/Dockerfile',
        '  1:6  error    Pin alpine to a version tag.  unpinned-base-image (GF001)',
        '  7:5  warning  [*] Use apk add --no-cache.   apk-no-cache (GF005)',
        '',
        '✖ 5 problems (2 errors, 1 warning, 1 info, 1 style), 2 fixable with --fix',
        '',
      ].join('\n'),
    );
  });

  it('writes the summary in the documented shape', () => {
    const findings = sampleFindings();
    const errorsAndWarnings: Finding[] = [
      ...findings.filter((f) => f.severity === 'error'),
      ...[1, 2, 3].map((line) => ({ ...findings[0], line })),
    ];
    const out = formatStylish(errorsAndWarnings, makeContext());
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 5 problems (2 errors, 3 warnings), 3 fixable with --fix');
  });

  it('says "1 problem" and leaves out the fixable part when nothing is fixable', () => {
    const one = sampleFindings().filter((f) => f.code === 'GF001').slice(0, 1);
    expect(formatStylish(one, makeContext()).trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings)');
  });

  it('prints nothing for one clean file', () => {
    expect(formatStylish([], makeContext({ files: [CLEAN_FILE] }))).toBe('');
    expect(formatStylish([], makeContext({ files: [] }))).toBe('');
  });

  it('confirms a clean run over several files', () => {
    expect(formatStylish([], makeContext())).toBe('✔ 3 files checked, no problems\n');
  });

  it('has no escape codes without colour, and coloured severities with it', async () => {
    const plain = (await stylishFormatter(false))(sampleFindings(), makeContext());
    expect(plain).toBe(formatStylish(sampleFindings(), makeContext()));
    expect(plain).not.toContain(ESC);
    const coloured = (await stylishFormatter(true))(sampleFindings(), makeContext());
    expect(coloured).toContain(`${ESC}31merror`); // red
    expect(coloured).toContain(`${ESC}33mwarning`); // yellow
    expect(coloured).toContain(`${ESC}4mDockerfile`); // underlined file
    // Removing the escape codes gives back the plain text: colour never shifts the columns.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('ignores FORCE_COLOR and NO_COLOR: the color argument alone decides', async () => {
    const saved = { ...process.env };
    try {
      process.env.FORCE_COLOR = '3';
      expect((await stylishFormatter(false))(sampleFindings(), makeContext())).not.toContain(ESC);
      delete process.env.FORCE_COLOR;
      process.env.NO_COLOR = '1';
      expect((await stylishFormatter(true))(sampleFindings(), makeContext())).toContain(ESC);
    } finally {
      process.env = saved;
    }
  });

  it('keeps a hostile message on one line and control characters visible', () => {
    const [f] = sampleFindings();
    const out = formatStylish([{ ...f, file: ROOT_FILE, message: HOSTILE + '\u001b[2J' }], makeContext({ files: [ROOT_FILE] }));
    const lines = out.split('\n');
    expect(lines[1]).toContain(`100% done\\nnext line\\r\\nkey: a,b\\u001b[2J`);
    expect(out).not.toContain('\u001b');
    expect(lines).toHaveLength(5); // file, finding, blank, summary, final newline
  });

  it('escapes C0 and C1 controls and leaves other text alone', () => {
    expect(printable('a\tb\u0000c\u009bd é ✓')).toBe('a\\tb\\u0000c\\u009bd é ✓');
  });

  it('does not depend on the order the engine reported in', () => {
    const ctx = makeContext({ files: [API_FILE, ROOT_FILE] });
    expect(formatStylish(sampleFindings().reverse(), ctx)).toBe(formatStylish(sampleFindings(), ctx));
  });
});
