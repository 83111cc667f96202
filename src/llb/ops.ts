// TypeScript mirrors of BuildKit's solver/pb messages (v0.11.6) and their byte-exact encoding.
import { createHash } from 'node:crypto';
import { decodeMessage, encodeMessage, type FieldSpec, type MessageSpec } from './codec.js';

// ---- types (absent = proto default; oneof members are optional siblings, at most one set)

export interface Platform {
  architecture?: string;
  os?: string;
  variant?: string;
  osVersion?: string;
  osFeatures?: string[];
}

export interface WorkerConstraints {
  filter?: string[];
}

export interface Input {
  /** "sha256:<hex>" of the producing op's bytes. */
  digest?: string;
  /** Output index of the producing op. */
  index?: number;
}

export enum NetMode {
  UNSET = 0,
  HOST = 1,
  NONE = 2,
}

export enum SecurityMode {
  SANDBOX = 0,
  INSECURE = 1,
}

export enum MountType {
  BIND = 0,
  SECRET = 1,
  SSH = 2,
  CACHE = 3,
  TMPFS = 4,
}

export enum CacheSharingOpt {
  SHARED = 0,
  PRIVATE = 1,
  LOCKED = 2,
}

export interface ProxyEnv {
  httpProxy?: string;
  httpsProxy?: string;
  ftpProxy?: string;
  noProxy?: string;
  allProxy?: string;
}

export interface HostIP {
  host?: string;
  ip?: string;
}

export interface Ulimit {
  name?: string;
  soft?: number;
  hard?: number;
}

export interface Meta {
  args?: string[];
  env?: string[];
  cwd?: string;
  user?: string;
  proxyEnv?: ProxyEnv;
  extraHosts?: HostIP[];
  hostname?: string;
  ulimit?: Ulimit[];
  cgroupParent?: string;
  removeMountStubsRecursive?: boolean;
}

export interface TmpfsOpt {
  size?: number;
}

export interface CacheOpt {
  id?: string;
  sharing?: CacheSharingOpt;
}

export interface SecretOpt {
  id?: string;
  uid?: number;
  gid?: number;
  mode?: number;
  optional?: boolean;
}

export type SSHOpt = SecretOpt;

export interface Mount {
  /** Index into Op.inputs; -1 = scratch. */
  input?: number;
  selector?: string;
  dest?: string;
  /** Output index this mount produces; -1 = none. */
  output?: number;
  readonly?: boolean;
  mountType?: MountType;
  tmpfsOpt?: TmpfsOpt;
  cacheOpt?: CacheOpt;
  secretOpt?: SecretOpt;
  sshOpt?: SSHOpt;
  resultId?: string;
}

export interface SecretEnv {
  id?: string;
  name?: string;
  optional?: boolean;
}

export interface ExecOp {
  meta?: Meta;
  mounts?: Mount[];
  network?: NetMode;
  security?: SecurityMode;
  secretenv?: SecretEnv[];
}

export interface SourceOp {
  identifier?: string;
  attrs?: Record<string, string>;
}

export interface BuildInput {
  input?: number;
}

export interface BuildOp {
  builder?: number;
  inputs?: Record<string, BuildInput>;
  def?: Definition;
  attrs?: Record<string, string>;
}

export interface NamedUserOpt {
  name?: string;
  input?: number;
}

export interface UserOpt {
  byName?: NamedUserOpt;
  /** Written even when 0 (root): it is a oneof member. */
  byId?: number;
}

export interface ChownOpt {
  user?: UserOpt;
  group?: UserOpt;
}

export interface FileActionCopy {
  src?: string;
  dest?: string;
  owner?: ChownOpt;
  mode?: number;
  followSymlink?: boolean;
  dirCopyContents?: boolean;
  attemptUnpackDockerCompatibility?: boolean;
  createDestPath?: boolean;
  allowWildcard?: boolean;
  allowEmptyWildcard?: boolean;
  /** Unix nanoseconds; -1 = unset. bigint because nanoseconds exceed 2^53. */
  timestamp?: bigint;
  includePatterns?: string[];
  excludePatterns?: string[];
}

export interface FileActionMkFile {
  path?: string;
  mode?: number;
  data?: Uint8Array;
  owner?: ChownOpt;
  timestamp?: bigint;
}

export interface FileActionMkDir {
  path?: string;
  mode?: number;
  makeParents?: boolean;
  owner?: ChownOpt;
  timestamp?: bigint;
}

export interface FileActionRm {
  path?: string;
  allowNotFound?: boolean;
  allowWildcard?: boolean;
}

export interface FileAction {
  /** 0..n-1 = Op.inputs, n+k = result of action k, -1 = scratch. */
  input?: number;
  secondaryInput?: number;
  output?: number;
  copy?: FileActionCopy;
  mkfile?: FileActionMkFile;
  mkdir?: FileActionMkDir;
  rm?: FileActionRm;
}

export interface FileOp {
  actions?: FileAction[];
}

export interface MergeInput {
  input?: number;
}

export interface MergeOp {
  inputs?: MergeInput[];
}

export interface DiffInput {
  input?: number;
}

export interface DiffOp {
  lower?: DiffInput;
  upper?: DiffInput;
}

export interface Op {
  inputs?: Input[];
  exec?: ExecOp;
  source?: SourceOp;
  file?: FileOp;
  build?: BuildOp;
  merge?: MergeOp;
  diff?: DiffOp;
  platform?: Platform;
  constraints?: WorkerConstraints;
}

export interface ExportCache {
  value?: boolean;
}

export interface ProgressGroup {
  id?: string;
  name?: string;
  weak?: boolean;
}

export interface OpMetadata {
  ignoreCache?: boolean;
  description?: Record<string, string>;
  exportCache?: ExportCache;
  caps?: Record<string, boolean>;
  progressGroup?: ProgressGroup;
}

export interface Position {
  line?: number;
  character?: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Location {
  sourceIndex?: number;
  ranges?: Range[];
}

export interface Locations {
  locations?: Location[];
}

export interface SourceInfo {
  filename?: string;
  data?: Uint8Array;
  definition?: Definition;
}

export interface Source {
  locations?: Record<string, Locations>;
  infos?: SourceInfo[];
}

export interface Definition {
  /** Marshaled ops in dependency order; the last one is the terminal op. */
  def?: Uint8Array[];
  metadata?: Record<string, OpMetadata>;
  source?: Source;
}

// ---- schemas (field numbers and Go JSON names from solver/pb/ops.pb.go v0.11.6)

type Spec = Omit<FieldSpec, 'no' | 'key' | 'json'>;

function field(no: number, key: string, json: string, rest: Spec): FieldSpec {
  return { no, key, json, ...rest };
}
const str = (no: number, key: string, json = key): FieldSpec => field(no, key, json, { kind: 'string' });
const strs = (no: number, key: string, json = key): FieldSpec =>
  field(no, key, json, { kind: 'string', repeated: true });
const bool = (no: number, key: string, json = key): FieldSpec => field(no, key, json, { kind: 'bool' });
const i64 = (no: number, key: string, json = key): FieldSpec => field(no, key, json, { kind: 'int64' });
const u32 = (no: number, key: string, json = key): FieldSpec => field(no, key, json, { kind: 'uint32' });
/** InputIndex/OutputIndex: gogo customtypes whose JSON tag has no omitempty. */
const index = (no: number, key: string): FieldSpec => field(no, key, key, { kind: 'int64', jsonAlways: true });
const msg = (no: number, key: string, message: () => MessageSpec, json = key): FieldSpec =>
  field(no, key, json, { kind: 'message', message });
const msgs = (no: number, key: string, message: () => MessageSpec, json = key): FieldSpec =>
  field(no, key, json, { kind: 'message', message, repeated: true });
const strMap = (no: number, key: string, json = key): FieldSpec =>
  field(no, key, json, { kind: 'map', mapValue: 'string' });

export const PlatformSpec: MessageSpec = {
  name: 'Platform',
  fields: [
    str(1, 'architecture', 'Architecture'),
    str(2, 'os', 'OS'),
    str(3, 'variant', 'Variant'),
    str(4, 'osVersion', 'OSVersion'),
    strs(5, 'osFeatures', 'OSFeatures'),
  ],
};

export const WorkerConstraintsSpec: MessageSpec = { name: 'WorkerConstraints', fields: [strs(1, 'filter')] };

export const InputSpec: MessageSpec = {
  name: 'Input',
  fields: [field(1, 'digest', 'digest', { kind: 'string', jsonAlways: true }), index(2, 'index')],
};

const ProxyEnvSpec: MessageSpec = {
  name: 'ProxyEnv',
  fields: [
    str(1, 'httpProxy', 'http_proxy'),
    str(2, 'httpsProxy', 'https_proxy'),
    str(3, 'ftpProxy', 'ftp_proxy'),
    str(4, 'noProxy', 'no_proxy'),
    str(5, 'allProxy', 'all_proxy'),
  ],
};

const HostIPSpec: MessageSpec = { name: 'HostIP', fields: [str(1, 'host', 'Host'), str(2, 'ip', 'IP')] };

const UlimitSpec: MessageSpec = {
  name: 'Ulimit',
  fields: [str(1, 'name', 'Name'), i64(2, 'soft', 'Soft'), i64(3, 'hard', 'Hard')],
};

const MetaSpec: MessageSpec = {
  name: 'Meta',
  fields: [
    strs(1, 'args'),
    strs(2, 'env'),
    str(3, 'cwd'),
    str(4, 'user'),
    msg(5, 'proxyEnv', () => ProxyEnvSpec, 'proxy_env'),
    msgs(6, 'extraHosts', () => HostIPSpec),
    str(7, 'hostname'),
    msgs(9, 'ulimit', () => UlimitSpec),
    str(10, 'cgroupParent'),
    bool(11, 'removeMountStubsRecursive'),
  ],
};

const TmpfsOptSpec: MessageSpec = { name: 'TmpfsOpt', fields: [i64(1, 'size')] };
const CacheOptSpec: MessageSpec = {
  name: 'CacheOpt',
  fields: [str(1, 'id', 'ID'), field(2, 'sharing', 'sharing', { kind: 'enum' })],
};
const SecretOptSpec: MessageSpec = {
  name: 'SecretOpt',
  fields: [str(1, 'id', 'ID'), u32(2, 'uid'), u32(3, 'gid'), u32(4, 'mode'), bool(5, 'optional')],
};
const SSHOptSpec: MessageSpec = { ...SecretOptSpec, name: 'SSHOpt' };

const MountSpec: MessageSpec = {
  name: 'Mount',
  fields: [
    index(1, 'input'),
    str(2, 'selector'),
    str(3, 'dest'),
    index(4, 'output'),
    bool(5, 'readonly'),
    field(6, 'mountType', 'mountType', { kind: 'enum' }),
    msg(19, 'tmpfsOpt', () => TmpfsOptSpec, 'TmpfsOpt'),
    msg(20, 'cacheOpt', () => CacheOptSpec),
    msg(21, 'secretOpt', () => SecretOptSpec),
    msg(22, 'sshOpt', () => SSHOptSpec, 'SSHOpt'),
    str(23, 'resultId', 'resultID'),
  ],
};

const SecretEnvSpec: MessageSpec = {
  name: 'SecretEnv',
  fields: [str(1, 'id', 'ID'), str(2, 'name'), bool(3, 'optional')],
};

const ExecOpSpec: MessageSpec = {
  name: 'ExecOp',
  fields: [
    msg(1, 'meta', () => MetaSpec),
    msgs(2, 'mounts', () => MountSpec),
    field(3, 'network', 'network', { kind: 'enum' }),
    field(4, 'security', 'security', { kind: 'enum' }),
    msgs(5, 'secretenv', () => SecretEnvSpec),
  ],
};

const SourceOpSpec: MessageSpec = { name: 'SourceOp', fields: [str(1, 'identifier'), strMap(2, 'attrs')] };

const BuildInputSpec: MessageSpec = { name: 'BuildInput', fields: [index(1, 'input')] };
const BuildOpSpec: MessageSpec = {
  name: 'BuildOp',
  fields: [
    field(1, 'builder', 'builder', { kind: 'int64', jsonAlways: true }),
    field(2, 'inputs', 'inputs', { kind: 'map', mapValue: 'message', message: () => BuildInputSpec }),
    msg(3, 'def', () => DefinitionSpec),
    strMap(4, 'attrs'),
  ],
};

const NamedUserOptSpec: MessageSpec = { name: 'NamedUserOpt', fields: [str(1, 'name'), index(2, 'input')] };
const UserOptSpec: MessageSpec = {
  name: 'UserOpt',
  fields: [
    field(1, 'byName', 'byName', { kind: 'message', message: () => NamedUserOptSpec, oneof: 'User' }),
    field(2, 'byId', 'byID', { kind: 'uint32', oneof: 'User' }),
  ],
};
const ChownOptSpec: MessageSpec = {
  name: 'ChownOpt',
  fields: [msg(1, 'user', () => UserOptSpec), msg(2, 'group', () => UserOptSpec)],
};

const timestamp = (no: number): FieldSpec => field(no, 'timestamp', 'timestamp', { kind: 'int64big' });
const mode32 = (no: number): FieldSpec => field(no, 'mode', 'mode', { kind: 'int32' });

const FileActionCopySpec: MessageSpec = {
  name: 'FileActionCopy',
  fields: [
    str(1, 'src'),
    str(2, 'dest'),
    msg(3, 'owner', () => ChownOptSpec),
    mode32(4),
    bool(5, 'followSymlink'),
    bool(6, 'dirCopyContents'),
    bool(7, 'attemptUnpackDockerCompatibility'),
    bool(8, 'createDestPath'),
    bool(9, 'allowWildcard'),
    bool(10, 'allowEmptyWildcard'),
    timestamp(11),
    strs(12, 'includePatterns', 'include_patterns'),
    strs(13, 'excludePatterns', 'exclude_patterns'),
  ],
};
const FileActionMkFileSpec: MessageSpec = {
  name: 'FileActionMkFile',
  fields: [
    str(1, 'path'),
    mode32(2),
    field(3, 'data', 'data', { kind: 'bytes' }),
    msg(4, 'owner', () => ChownOptSpec),
    timestamp(5),
  ],
};
const FileActionMkDirSpec: MessageSpec = {
  name: 'FileActionMkDir',
  fields: [str(1, 'path'), mode32(2), bool(3, 'makeParents'), msg(4, 'owner', () => ChownOptSpec), timestamp(5)],
};
const FileActionRmSpec: MessageSpec = {
  name: 'FileActionRm',
  fields: [str(1, 'path'), bool(2, 'allowNotFound'), bool(3, 'allowWildcard')],
};
const action = (no: number, key: string, message: () => MessageSpec): FieldSpec =>
  field(no, key, key, { kind: 'message', message, oneof: 'Action' });
const FileActionSpec: MessageSpec = {
  name: 'FileAction',
  fields: [
    index(1, 'input'),
    index(2, 'secondaryInput'),
    index(3, 'output'),
    action(4, 'copy', () => FileActionCopySpec),
    action(5, 'mkfile', () => FileActionMkFileSpec),
    action(6, 'mkdir', () => FileActionMkDirSpec),
    action(7, 'rm', () => FileActionRmSpec),
  ],
};
const FileOpSpec: MessageSpec = { name: 'FileOp', fields: [msgs(2, 'actions', () => FileActionSpec)] };

const MergeInputSpec: MessageSpec = { name: 'MergeInput', fields: [index(1, 'input')] };
const MergeOpSpec: MessageSpec = { name: 'MergeOp', fields: [msgs(1, 'inputs', () => MergeInputSpec)] };
const DiffInputSpec: MessageSpec = { name: 'DiffInput', fields: [index(1, 'input')] };
const DiffOpSpec: MessageSpec = {
  name: 'DiffOp',
  fields: [msg(1, 'lower', () => DiffInputSpec), msg(2, 'upper', () => DiffInputSpec)],
};

const opKind = (no: number, key: string, message: () => MessageSpec): FieldSpec =>
  field(no, key, key, { kind: 'message', message, oneof: 'Op' });

export const OpSpec: MessageSpec = {
  name: 'Op',
  fields: [
    msgs(1, 'inputs', () => InputSpec),
    opKind(2, 'exec', () => ExecOpSpec),
    opKind(3, 'source', () => SourceOpSpec),
    opKind(4, 'file', () => FileOpSpec),
    opKind(5, 'build', () => BuildOpSpec),
    opKind(6, 'merge', () => MergeOpSpec),
    opKind(7, 'diff', () => DiffOpSpec),
    msg(10, 'platform', () => PlatformSpec),
    msg(11, 'constraints', () => WorkerConstraintsSpec),
  ],
};

const ExportCacheSpec: MessageSpec = { name: 'ExportCache', fields: [bool(1, 'value', 'Value')] };
const ProgressGroupSpec: MessageSpec = {
  name: 'ProgressGroup',
  fields: [str(1, 'id'), str(2, 'name'), bool(3, 'weak')],
};

export const OpMetadataSpec: MessageSpec = {
  name: 'OpMetadata',
  fields: [
    bool(1, 'ignoreCache', 'ignore_cache'),
    strMap(2, 'description'),
    msg(4, 'exportCache', () => ExportCacheSpec, 'export_cache'),
    field(5, 'caps', 'caps', { kind: 'map', mapValue: 'bool', jsonAlways: true }),
    msg(6, 'progressGroup', () => ProgressGroupSpec, 'progress_group'),
  ],
};

const PositionSpec: MessageSpec = {
  name: 'Position',
  fields: [field(1, 'line', 'line', { kind: 'int32' }), field(2, 'character', 'character', { kind: 'int32' })],
};
const RangeSpec: MessageSpec = {
  name: 'Range',
  fields: [
    field(1, 'start', 'start', { kind: 'message', message: () => PositionSpec, jsonAlways: true }),
    field(2, 'end', 'end', { kind: 'message', message: () => PositionSpec, jsonAlways: true }),
  ],
};
const LocationSpec: MessageSpec = {
  name: 'Location',
  fields: [field(1, 'sourceIndex', 'sourceIndex', { kind: 'int32' }), msgs(2, 'ranges', () => RangeSpec)],
};
const LocationsSpec: MessageSpec = { name: 'Locations', fields: [msgs(1, 'locations', () => LocationSpec)] };
const SourceInfoSpec: MessageSpec = {
  name: 'SourceInfo',
  fields: [str(1, 'filename'), field(2, 'data', 'data', { kind: 'bytes' }), msg(3, 'definition', () => DefinitionSpec)],
};
const SourceSpec: MessageSpec = {
  name: 'Source',
  fields: [
    field(1, 'locations', 'locations', { kind: 'map', mapValue: 'message', message: () => LocationsSpec }),
    msgs(2, 'infos', () => SourceInfoSpec),
  ],
};

export const DefinitionSpec: MessageSpec = {
  name: 'Definition',
  fields: [
    field(1, 'def', 'def', { kind: 'bytes', repeated: true }),
    field(2, 'metadata', 'metadata', {
      kind: 'map',
      mapValue: 'message',
      message: () => OpMetadataSpec,
      jsonAlways: true,
    }),
    msg(3, 'source', () => SourceSpec, 'Source'),
  ],
};

// ---- public encode/decode

type Obj = Record<string, unknown>;

export function encodeOp(op: Op): Uint8Array {
  return encodeMessage(OpSpec, op as unknown as Obj);
}

export function decodeOp(bytes: Uint8Array): Op {
  return decodeMessage(OpSpec, bytes) as Op;
}

export function encodeDefinition(def: Definition): Uint8Array {
  return encodeMessage(DefinitionSpec, def as unknown as Obj);
}

export function decodeDefinition(bytes: Uint8Array): Definition {
  return decodeMessage(DefinitionSpec, bytes) as Definition;
}

export function encodeOpMetadata(md: OpMetadata): Uint8Array {
  return encodeMessage(OpMetadataSpec, md as unknown as Obj);
}

/** The op digest BuildKit uses everywhere: sha256 over the exact marshaled bytes. */
export function digestOf(bytes: Uint8Array): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}
