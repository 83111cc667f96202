// Shell constructs the splitter must understand, one behaviour per row.
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/shell/parse.js';
import { offsetsHold, showAll } from './helpers.js';

const constructs: [string, string, string[]][] = [
  ['single quotes keep $ literal', `echo 'a $b "c"'`, ['0 ^ echo "a $b \\"c\\""']],
  ['double-quote escapes', String.raw`echo "a \"b\" \$c \\ \n"`, [String.raw`0 ^ echo "a \"b\" $c \\ \\n"`]],
  ['backslash escapes outside quotes', String.raw`echo a\ b \$HOME`, ['0 ^ echo "a b" $HOME']],
  ['ANSI-C quotes', `printf $'a\\tb\\n'`, ['0 ^ printf "a\\tb\\n"']],
  ['${...} with nested braces and quotes', 'echo ${A:-${B:-"x y"}} ${#C}', ['0 ^ echo "${A:-${B:-\\"x y\\"}}" ${#C}']],
  ['nested $( ) with quotes inside', 'echo "$(dirname "$(which go)")"', ['0 ^ echo "$(dirname \\"$(which go)\\")"', '1 ^ dirname "$(which go)"', '2 ^ which go']],
  ['$(( )) with a command inside', 'make -j$(( $(nproc) * 2 ))', ['0 ^ make "-j$(( $(nproc) * 2 ))"', '1 ^ nproc']],
  ['backticks', 'echo `go env GOPATH`/bin', ['0 ^ echo "`go env GOPATH`/bin"', '1 ^ go env GOPATH']],
  ['assignment-only line', 'x=$(go env GOPATH)', ['0 ^ [x="$(go env GOPATH)"]', '1 ^ go env GOPATH']],
  ['export keeps words', 'export A=1 B="x y"', ['0 ^ export A=1 "B=x y"']],
  ['append assignment', 'PATH+=:/go/bin go version', ['0 ^ [PATH=:/go/bin] go version']],
  ['quoted name is not an assignment', '"A"=1 cmd', ['0 ^ A=1 cmd']],
  ['operators', 'a; b && c || d & e', ['0 ^ a', '0 ; b', '0 && c', '0 || d', '0 & e']],
  ['pipelines and |&', 'a | b |& c && d', ['0 ^ P a', '0 | P b', '0 | P c', '0 && d']],
  ['newlines join', 'a\n\nb\n', ['0 ^ a', '0 NL b']],
  ['operator then newline keeps the operator', 'a &&\n  b', ['0 ^ a', '0 && b']],
  ['subshell and group', '(cd x && make) || { echo no; exit 1; }', ['1 ^ cd x', '1 && make', '1 || echo no', '1 ; exit 1']],
  ['if/elif/else', 'if a; then b; elif c; then d; else e; fi', ['1 ^ a', '1 ^ b', '1 ^ c', '1 ^ d', '1 ^ e']],
  ['for list is not a command', 'for f in a $(ls) "b c"; do rm "$f"; done', ['1 ^ ls', '1 ^ rm $f']],
  ['C-style for', 'for ((i=0; i<3; i++)); do echo $i; done', ['1 ^ echo $i']],
  ['while with redirect', 'while read -r l; do echo "$l"; done < list.txt', ['1 ^ read -r l', '1 ^ echo $l']],
  ['until', 'until curl -f x; do sleep 1; done', ['1 ^ curl -f x', '1 ^ sleep 1']],
  ['case with (pattern) and ;&', 'case $a in (x|y) one;& z) two;; esac', ['1 ^ one', '1 ^ two']],
  ['keywords only at command start', 'echo if then fi done', ['0 ^ echo if then fi done']],
  ['nested compounds', 'if a; then for x in 1; do (b | c); done; fi', ['1 ^ a', '3 ^ P b', '3 | P c']],
  ['pipeline into while body', 'ls | while read f; do rm $f; done', ['0 ^ P ls', '1 | P read f', '1 ^ P rm $f']],
  ['negation', '! grep -q x f', ['0 ^ grep -q x f']],
  ['[[ ]] keeps && inside', '[[ -f a && ! -d b ]] && echo ok', ['0 ^ [[ -f a && ! -d b ]]', '0 && echo ok']],
  ['(( )) arithmetic is not a command', '(( n += 1 )) && echo $n', ['0 && echo $n']],
  ['function definitions', 'f() { echo in; }; function g { echo g; }; f', ['1 ^ echo in', '1 ; echo g', '0 ; f']],
  ['array assignment', 'arr=(a "b c") cmd', ['0 ^ [arr="(a \\"b c\\")"] cmd']],
  ['process substitution', 'diff <(sort a) >(cat)', ['0 ^ diff "<(sort a)" >(cat)', '1 ^ sort a', '1 ^ cat']],
];

const redirects: [string, string, string[]][] = [
  ['redirections are not words', 'go version > /v 2>&1 < /dev/null >> log 3<>f >| g &> h &>> i 2>/dev/null', ['0 ^ go version']],
  ['redirect before name', '>/dev/null 2>&1 cmd arg', ['0 ^ cmd arg']],
  ['here-string', 'grep x <<< "$v" | wc -l', ['0 ^ P grep x', '0 | P wc -l']],
  ['fd digits only before < >', 'head -n 3 f 1>out', ['0 ^ head -n 3 f']],
  ['redirect-only command', '> /etc/motd', ['0 ^']],
  ['redirect target substitutions still parsed', 'echo x > $(mktemp)', ['0 ^ echo x', '1 ^ mktemp']],
  ['heredoc body skipped', 'cat <<EOF > /etc/x.conf\nrm -rf / $(boom)\nEOF\necho done', ['0 ^ cat', '0 NL echo done']],
  ['<<- strips tabs, quoted delimiter', "cat <<-'END' | sh\n\trm x\n\tEND\nnext", ['0 ^ P cat', '0 | P sh', '0 NL next']],
  ['two heredocs on one line', 'cat <<A <<"B"\na\nA\nb\nB\nafter', ['0 ^ cat', '0 NL after']],
  ['heredoc then && on same line', 'cat > f <<EOF && chmod +x f\n#!/bin/sh\nEOF\n', ['0 ^ cat', '0 && chmod +x f']],
];

const misc: [string, string, string[]][] = [
  ['comments', '# top\napk add x # trailing\n#only', ['0 ^ apk add x']],
  ['# inside a word is literal', 'echo a#b', ['0 ^ echo a#b']],
  ['line continuations join words', 'go \\\n  build \\\r\n  -o x', ['0 ^ go build -o x']],
  ['continuation inside a word', 'ec\\\nho hi', ['0 ^ echo hi']],
  ['sh -c', `sh -c 'apk add x && echo "$(date)"'`, ['0 ^ sh -c "apk add x && echo \\"$(date)\\""', '1 ^ apk add x', '1 && echo $(date)', '2 ^ date']],
  ['bash -ec with -o', `bash -o pipefail -ec "curl -sSf x | sh"`, ['0 ^ bash -o pipefail -ec "curl -sSf x | sh"', '1 ^ P curl -sSf x', '1 | P sh']],
  ['sudo sh -c with escapes', String.raw`sudo sh -c "echo \"hi\" > /f"`, [String.raw`0 ^ sudo sh -c "echo \"hi\" > /f"`, '1 ^ echo hi']],
  ['sh without -c is just a command', 'sh ./install.sh', ['0 ^ sh ./install.sh']],
  ['CRLF line endings', 'apk add x && \\\r\n    apk add y\r\n', ['0 ^ apk add x', '0 && apk add y']],
];

describe('parseShell constructs', () => {
  for (const [group, rows] of [['syntax', constructs], ['redirections', redirects], ['misc', misc]] as const) {
    describe(group, () => {
      it.each(rows)('%s', (_name, src, want) => {
        const s = parseShell(src);
        expect(showAll(s)).toEqual(want);
        expect(s.errors).toEqual([]);
        expect(offsetsHold(s)).toBe(true);
      });
    });
  }
});

describe('offsets', () => {
  it('word and command spans point into the source', () => {
    const src = 'A=1 go build -o "/out/app" ./cmd && echo ok';
    const [go, echo] = parseShell(src).commands;
    expect(src.slice(go.start, go.end)).toBe('A=1 go build -o "/out/app" ./cmd');
    expect(go.assignments[0]).toMatchObject({ name: 'A', value: '1', start: 0, end: 3 });
    expect(go.words[3]).toMatchObject({ value: '/out/app', raw: '"/out/app"', quoted: true });
    expect(src.slice(echo.start, echo.end)).toBe('echo ok');
  });

  it('sh -c commands point into the argument', () => {
    const src = `sh -c 'go build ./x'`;
    const inner = parseShell(src).commands[1];
    expect(src.slice(inner.start, inner.end)).toBe('go build ./x');
    expect(inner.words[0]).toMatchObject({ value: 'go', raw: 'go', start: 7 });
  });

  it('sh -c with escapes maps words back through the quoting', () => {
    const src = String.raw`sh -c "printf \"%s\" x"`;
    const inner = parseShell(src).commands[1];
    expect(inner.words.map((w) => w.value)).toEqual(['printf', '%s', 'x']);
    expect(inner.words[1].raw).toBe(String.raw`\"%s\"`);
  });
});
