// What convert returns: the spec, one note per instruction saying what became of it, and what kind of Dockerfile it was.
import type { GofileSpec } from '../spec/types.js';

/** What became of an instruction: carried into spec fields, dropped because expand does it (or it is not needed), or lost. */
export type Outcome = 'carried' | 'dropped' | 'unrepresentable';

export interface ConvertNote {
  /** 1-based line where the instruction starts. */
  line: number;
  /** Index of the instruction in the model, for tests that check every instruction has exactly one note. */
  index: number;
  /** The instruction, shortened to one line. */
  text: string;
  outcome: Outcome;
  /** Spec fields the instruction was carried into (also set when only part of it was lost). */
  fields: string[];
  /** What it became, why it was dropped, or why the spec cannot say it. */
  reason: string;
  /** For a carried instruction: the parts of it the spec leaves out or does otherwise, each with its reason. */
  changes: string[];
}

/** The corpus's classification of Go Dockerfiles, plus not-go for refusals. */
export type DockerfileKind =
  | 'multistage-scratch' | 'multistage-distroless' | 'multistage-alpine' | 'multistage-debian' | 'multistage-other'
  | 'single-stage-golang' | 'prebuilt-binary' | 'not-go';

export interface ConvertResult {
  spec: GofileSpec;
  report: ConvertNote[];
  kind: DockerfileKind;
  /** Set when the Dockerfile is not a Go build: why, in a sentence; spec and report are then empty. */
  refused?: string;
}
