// The one typed model of a Dockerfile: built once by parseDockerfile, read by rules, convert and llb.
import type { ShellScript } from '../shell/types.js';

/** 1-based line, 1-based column; offset is into the file text. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Pos;
  end: Pos;
}

export interface Directive {
  name: string; // lower-case: syntax, escape, check
  value: string;
  span: Span;
}

export interface Comment {
  text: string; // without the leading '#', trimmed
  span: Span;
}

export interface Flag {
  name: string; // without dashes, lower-case
  value: string | null; // null for a bare `--link`
  span: Span;
}

export type MountType = 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';

export interface Mount {
  type: MountType;
  target?: string;
  source?: string;
  from?: string;
  id?: string;
  sharing?: 'shared' | 'private' | 'locked';
  readonly: boolean;
  required?: boolean;
  mode?: number;
  uid?: number;
  gid?: number;
  size?: number;
  env?: string;
  /** Every key=value as written, after variable expansion. */
  options: Record<string, string>;
  span: Span;
}

export interface Heredoc {
  name: string;
  /** `<<-` strips leading tabs. */
  chomp: boolean;
  /** Unquoted delimiters expand variables in the body. */
  expand: boolean;
  body: string;
  span: Span;
}

export type Keyword =
  | 'FROM' | 'RUN' | 'CMD' | 'LABEL' | 'MAINTAINER' | 'EXPOSE' | 'ENV' | 'ADD' | 'COPY'
  | 'ENTRYPOINT' | 'VOLUME' | 'USER' | 'WORKDIR' | 'ARG' | 'ONBUILD' | 'STOPSIGNAL'
  | 'HEALTHCHECK' | 'SHELL';

export interface KeyValue {
  key: string;
  value: string; // after expansion where BuildKit expands
  rawValue: string;
  span: Span;
}

export interface Instruction {
  keyword: Keyword | string; // upper-cased; unknown keywords kept as written (upper-cased)
  /** The keyword as written, for casing rules. */
  keywordText: string;
  index: number; // in file order
  span: Span;
  keywordSpan: Span;
  flags: Flag[];
  /**
   * The arguments after flags as BuildKit sees them: continuations joined,
   * comment lines removed, no heredoc bodies.
   */
  args: string;
  /**
   * The whole logical line as BuildKit's parser joins it (keyword and flags included, no heredoc
   * bodies); trimmed, it is BuildKit's command text for progress names and descriptions.
   */
  original: string;
  /** Where the argument text starts (after flags). */
  argsSpan: Span | null;
  /** File offset of index i of `args` (continuations make this more than a sum). */
  argOffset(i: number): number;
  /** File span of [start, end) of `args`. */
  argSpan(start: number, end: number): Span;
  /** Exec (JSON array) form for RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD; null for shell form. */
  json: string[] | null;
  heredocs: Heredoc[];
  /** Lines (1-based) that were empty inside a continuation: BuildKit warns, a future version refuses. */
  emptyContinuationLines: number[];
  /** Comment lines directly above the instruction (for ignore pragmas). */
  comments: Comment[];
  stage: Stage | null; // null before the first FROM
  /** Variables visible here: ARG (value or null when declared without one) and ENV. */
  vars: ReadonlyMap<string, string | null>;
  /** Names of variables set by ENV (a subset of vars), for rules that care about runtime env. */
  envNames: ReadonlySet<string>;
}

export interface RunInstruction extends Instruction {
  keyword: 'RUN';
  mounts: Mount[];
  network?: string;
  security?: string;
  /** Shell source BuildKit runs (heredoc bodies included), parsed lazily. */
  script(): ShellScript;
}

export interface CopyInstruction extends Instruction {
  keyword: 'COPY' | 'ADD';
  from?: string; // --from as written, expanded
  fromStage?: Stage; // resolved when it names a stage
  chown?: string;
  chmod?: string;
  link: boolean;
  sources: string[]; // expanded
  dest: string; // expanded
}

export interface ImageRef {
  /** The reference as written, after ARG substitution. */
  text: string;
  registry: string; // docker.io when implicit
  repository: string; // library/golang
  /** Short repository as people write it: golang, gcr.io/distroless/static. */
  name: string;
  tag?: string;
  digest?: string;
  /** Variables that had no value when the reference was resolved. */
  unresolved: string[];
  /** Why the resolved text is not a valid reference (e.g. an ARG left it empty). */
  invalid?: string;
}

export type StageBase =
  | { kind: 'scratch' }
  | { kind: 'stage'; stage: Stage }
  | { kind: 'image'; image: ImageRef };

export interface Stage {
  index: number;
  name?: string; // as written
  from: Instruction;
  /** The base as written in FROM (before substitution). */
  baseText: string;
  base: StageBase;
  platform?: string; // the --platform value as written
  instructions: Instruction[]; // FROM first
  isFinal: boolean; // the last stage in the file
  isTarget: boolean; // the stage being built (the --target or the last)
}

export interface ParseError {
  message: string;
  span: Span;
}

export interface DockerfileModel {
  path: string;
  text: string;
  directives: Directive[];
  escape: '\\' | '`';
  /** ARGs before the first FROM, with automatic platform args available to FROM lines. */
  globalArgs: Instruction[];
  stages: Stage[];
  instructions: Instruction[];
  comments: Comment[];
  errors: ParseError[];
  /** The stage being built: --target or the last one. */
  target: Stage | null;
  /** Where line N (1-based) starts, for positions and fixes. */
  lineOffsets: number[];
}
