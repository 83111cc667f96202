import { ruleTester } from '../helpers/rule-tester.js';
import quoted from '../../rules/quoted-command.js';

ruleTester(quoted, {
  valid: [
    'FROM alpine:3.20\nRUN mkdir app\n',
    'FROM alpine:3.20\nRUN ["mkdir", "app"]\n',
    { name: 'a quoted program name with no spaces is a real program', code: 'FROM alpine:3.20\nRUN "true"\n' },
    { name: 'quotes around one argument only', code: 'FROM alpine:3.20\nRUN echo "hello world"\n' },
    { name: 'a $ inside might expand to anything: not judged', code: 'FROM alpine:3.20\nRUN "$CMD --flag"\n' },
    { name: 'heredoc bodies are scripts, not this', code: 'FROM alpine:3.20\nRUN <<EOF\n"not judged here"\nEOF\n' },
  ],
  invalid: [
    {
      name: 'the corpus case (RUN "mkdir app")',
      code: 'FROM golang:1.23\nRUN "mkdir app"\nRUN "go build main.go"\n',
      errors: [{ line: 2, column: 5, message: /program named "mkdir app"/ }, { line: 3, column: 5 }],
      output: 'FROM golang:1.23\nRUN mkdir app\nRUN go build main.go\n',
    },
    { name: 'single quotes too', code: "FROM alpine:3.20\nRUN 'apk add --no-cache git'\n", errors: [{ line: 2 }], output: 'FROM alpine:3.20\nRUN apk add --no-cache git\n' },
    { name: 'no fix across a line continuation', code: 'FROM alpine:3.20\nRUN "apk add \\\n  git"\n', errors: [{ line: 2 }] },
  ],
});
