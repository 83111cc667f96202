// The state one conversion threads through its readers: the model, the traced build, the ledger and the spec being filled.
import type { CopyInstruction, DockerfileModel, Instruction, RunInstruction } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/types.js';
import type { GoMod } from '../gomod.js';
import type { GofileSpec } from '../spec/types.js';
import type { Ledger } from './ledger.js';
import type { Trace } from './trace.js';

/** The spec while it is filled: `path` may still be missing. */
export type Draft = Omit<GofileSpec, 'path'> & { path?: string };

export interface Ctx {
  model: DockerfileModel;
  trace: Trace;
  ledger: Ledger;
  spec: Draft;
  goMod: GoMod | null;
  /** The go.mod in a directory of the build context (`.`, `svc`), where the context is on disk; else absent. */
  goModIn?: (dir: string) => GoMod | null;
  /** Accounts made with adduser/useradd in the image: name → `uid` or `uid:gid`. */
  users: Map<string, string>;
  /** The project's own build command (make, a script) that writes the shipped binary, when there is no go build. */
  buildCommand?: { run: RunInstruction; cmd: SimpleCommand };
  /** `index:NAME` of ENV/ARG pairs the build reading already carried (CGO_ENABLED, GOPRIVATE…). */
  claimedVars: Set<string>;
  /** COPY --chown of directories a stage only made: `dirs` once USER says whose they must be. */
  ownedDirs: { inst: CopyInstruction; chown: string; dirs: string[]; files: { src: string; dest: string }[] }[];
  /** `binaries` as the image shipped them: the COPY, where the binary was, and where the spec installs it. */
  extraBinaries: { copy?: CopyInstruction; from: string; to: string }[];
  /** The go build commands of `binaries`, read with them rather than as commands of their RUN. */
  binaryBuilds: Set<SimpleCommand>;
  /** Go version of the builder, once known (for base keywords that depend on it). */
  go?: string;
  /** The builder's OS family as written, for package names. */
  builderFamily?: 'alpine' | 'debian';
  /** The builder image as written (without digest), when it is a golang image. */
  builderImage?: string;
  /** That builder's FROM, for what settling the spec makes of it. */
  builderFrom?: Instruction;
}

export const claimKey = (inst: Instruction, name: string) => `${inst.index}:${name}`;
