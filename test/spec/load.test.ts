// loadSpec: every kind of bad input is refused with file, line and column and a message a person can act on.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadSpec, MAX_SPEC_BYTES } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { didYouMean, editDistance } from '../../src/spec/suggest.js';

function failure(text: string): { where: string; message: string } {
  try {
    loadSpec(text, 'gofile.yaml');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { where: `${e.file}:${e.line ?? ''}:${e.column ?? ''}`, message: e.message };
  }
  throw new Error(`accepted:\n${text}`);
}

// [what, spec text, file:line:col, a fragment of the message]
const BAD: [string, string, string, string][] = [
  // unknown keys, with "did you mean"
  ['misspelt key', 'path: .\nnmae: x\n', 'gofile.yaml:2:1', 'unknown key "nmae"; did you mean "name"?'],
  ['wrong case', 'Path: .\n', 'gofile.yaml:1:1', 'did you mean "path"?'],
  ['snake_case', 'path: .\nbuild_args:\n  A: b\n', 'gofile.yaml:2:1', 'did you mean "buildArgs"?'],
  ['nested key', 'path: .\nhealthcheck:\n  cmd: [/x]\n  intervall: 5s\n', 'gofile.yaml:4:3', 'unknown key in `healthcheck` "intervall"; did you mean "interval"?'],
  ['far-off key', 'path: .\nzzzzzzzz: 1\n', 'gofile.yaml:2:1', 'known keys: repo, ref, path'],
  ['missing path', 'name: x\n', 'gofile.yaml:1:1', 'the spec needs `path`'],
  // initModule: a context without go.mod
  ['initModule with a repo', 'repo: https://github.com/acme/x\npath: .\ninitModule: x\n', 'gofile.yaml:1:7', '`repo` and `initModule` do not go together'],
  ['initModule with private modules', 'path: .\ninitModule: x\nprivate:\n  modules: [github.com/acme/*]\n', 'gofile.yaml:4:3', '`private` and `initModule` do not go together'],
  ['initModule with shell in it', 'path: .\ninitModule: "x;id"\n', 'gofile.yaml:2:13', 'is not a module path'],
  // moduleDir: a directory of the build context
  ['moduleDir outside the context', 'path: .\nmoduleDir: ../api\n', 'gofile.yaml:2:12', '`moduleDir` uses `..`, which would escape the build context'],
  ['moduleDir absolute', 'path: .\nmoduleDir: /src/api\n', 'gofile.yaml:2:12', '`moduleDir` is an absolute path'],
  ['moduleDir with shell in it', 'path: .\nmoduleDir: "api;id"\n', 'gofile.yaml:2:12', 'a shell metacharacter'],
  ['moduleDir with initModule', 'path: .\nmoduleDir: api\ninitModule: x\n', 'gofile.yaml:2:12', '`moduleDir` and `initModule` do not go together'],
  ['moduleDir with prebuilt', 'path: .\nmoduleDir: api\nprebuilt: dist/x\n', 'gofile.yaml:2:12', '`moduleDir` is for building the binary'],
  // binaries: more main packages, each installed by its own name
  ['binaries with prebuilt', 'path: .\nprebuilt: dist/x\nbinaries: [./cmd/y]\n', 'gofile.yaml:3:11', '`binaries` is for building the binary'],
  ['binaries with a build command', 'path: .\nbuild: {command: make, output: app}\nbinaries: [./cmd/y]\n', 'gofile.yaml:3:11', 'with `build.command` the project\'s build writes one binary'],
  ['binaries named as the main binary', 'path: ./cmd/api\nbinaries: [./tools/api]\n', 'gofile.yaml:2:12', '`binaries[0]` ./tools/api would be installed as /usr/local/bin/api, the name of the main binary'],
  ['binaries named as each other', 'path: .\nbinaries: [./cmd/x, ./tools/x/]\n', 'gofile.yaml:2:21', '`binaries[1]` ./tools/x/ and `binaries[0]` are both named x'],
  ['binaries with the module root', 'path: ./cmd/api\nbinaries: [.]\n', 'gofile.yaml:2:12', '`binaries[0]` "." is not a package directory such as `./cmd/migrate`'],
  ['binaries empty', 'path: .\nbinaries: []\n', 'gofile.yaml:2:11', '`binaries` must have at least 1 item'],
  ['a copy onto the main binary', 'path: ./cmd/api\ncopy:\n  - {src: tools/api, dest: /usr/local/bin/api}\n', 'gofile.yaml:3:28', '`copy[0].dest` /usr/local/bin/api would replace the binary installed as /usr/local/bin/api'],
  ['a copy into the directory onto one of binaries', 'path: ./cmd/api\nbinaries: [./cmd/migrate]\ncopy:\n  - {src: bin/migrate, dest: /usr/local/bin/}\n', 'gofile.yaml:4:30', 'would replace the binary installed as /usr/local/bin/migrate'],
  // buildFlags: go build flags without a field of their own
  ['a flag with a field', 'path: .\nbuildFlags: [-tags=netgo]\n', 'gofile.yaml:2:14', '-tags=netgo: use `tags`'],
  ['a flag that changes nothing', 'path: .\nbuildFlags: [-v]\n', 'gofile.yaml:2:14', 'it changes nothing in the binary'],
  ['not a go build flag', 'path: .\nbuildFlags: [-fast]\n', 'gofile.yaml:2:14', '-fast is not a go build flag'],
  ['a flag twice', 'path: .\nbuildFlags: [-cover, -cover]\n', 'gofile.yaml:2:22', 'sets -cover a second time'],
  ['a value on a boolean flag', 'path: .\nbuildFlags: [-cover=true]\n', 'gofile.yaml:2:14', '-cover takes no value'],
  ['no value', 'path: .\nbuildFlags: [-gcflags]\n', 'gofile.yaml:2:14', '-gcflags needs a value'],
  ['an unknown build mode', 'path: .\nbuildFlags: [-buildmode=dll]\n', 'gofile.yaml:2:14', 'is not a build mode'],
  ['the race detector without cgo', 'path: .\nbuildFlags: [-race]\n', 'gofile.yaml:2:14', '-race needs cgo'],
  ['quotes in a flag', 'path: .\nbuildFlags: [\'-gcflags="-N"\']\n', 'gofile.yaml:2:14', 'is not a go build flag such as'],
  ['a flag with a build command', 'path: .\nbuild: {command: make, output: app}\nbuildFlags: [-cover]\n', 'gofile.yaml:3:13', '`buildFlags` is for go build'],
  // prebuilt: a binary built elsewhere, so nothing of the go build beside it
  ['prebuilt with a package path', 'path: ./cmd/x\nprebuilt: dist/x\n', 'gofile.yaml:1:7', '`path` is not used with `prebuilt`'],
  ['prebuilt with go build fields', 'path: .\nprebuilt: dist/x\nldflags: [-X main.v=1]\n', 'gofile.yaml:3:10', '`ldflags` is for building the binary'],
  ['prebuilt with a Go version and no builder', 'path: .\nprebuilt: dist/x\ngo: "1.24"\n', 'gofile.yaml:3:5', '`go` has no effect: with `prebuilt` on gcr.io/distroless'],
  ['prebuilt naming an undeclared arg', 'path: .\nprebuilt: dist/x-${VERSION}\nname: x\n', 'gofile.yaml:2:11', 'uses ${VERSION}, which is not in `buildArgs`'],
  ['prebuilt and an unused build arg', 'path: .\nprebuilt: dist/x\nbuildArgs:\n  V: "1"\n', 'gofile.yaml:4:6', 'build arg V is not used'],
  ['prebuilt file named by a variable, no name', 'path: .\nprebuilt: dist/x-${TARGETARCH}\n', 'gofile.yaml:2:11', 'give the binary a `name`'],
  ['prebuilt outside the context', 'path: .\nprebuilt: ../x\n', 'gofile.yaml:2:11', 'uses `..`'],
  ['a variable in a path in another image', 'path: .\ncopy:\n  - {from: "busybox:1.36", src: "/bin/${TARGETARCH}", dest: /x}\n', 'gofile.yaml:3:33', 'a path in another image is fixed'],
  ['a variable in a path in the cloned repo', 'repo: https://github.com/acme/x\npath: .\ncopy:\n  - {src: "x-${TARGETARCH}", dest: /x}\n', 'gofile.yaml:4:11', 'a path in the cloned repo is fixed'],
  ['a build arg in a copy src without prebuilt', 'path: .\nbuildArgs: {V: "1"}\nldflags: ["-X main.v=${V}"]\ncopy:\n  - {src: "x-${V}", dest: /x}\n', 'gofile.yaml:5:11', 'uses ${V}; a context path may name TARGETPLATFORM'],
  ['the whole context into /', 'path: .\ncopy:\n  - {src: ., dest: /}\n', 'gofile.yaml:3:20', '`copy[0].dest` is /: the whole build context there would mix with the base\'s own directories'],
  ['the whole context into a file path', 'path: .\ncopy:\n  - {src: ./, dest: /app}\n', 'gofile.yaml:3:21', '`copy[0].dest` "/app" must end in / : `copy[0].src` is the whole build context'],
  ['the whole context out of an image', 'path: .\ncopy:\n  - {from: "busybox:1.36", src: ., dest: /app/}\n', 'gofile.yaml:3:33', 'must be an absolute path in the image'],
  ['a world-writable copy mode', 'path: .\ncopy:\n  - {src: run.sh, dest: /run.sh, mode: "0777"}\n', 'gofile.yaml:3:40', '`copy[0].mode` 0777 makes the files writable by every user'],
  ['a setuid copy mode', 'path: .\ncopy:\n  - {src: run.sh, dest: /run.sh, mode: 4755}\n', 'gofile.yaml:3:40', '`copy[0].mode` "4755" is not an octal file mode such as `755` or `0644`'],
  ['a symbolic copy mode', 'path: .\ncopy:\n  - {src: run.sh, dest: /run.sh, mode: u+x}\n', 'gofile.yaml:3:40', '`copy[0].mode` "u+x" is not an octal file mode'],
  ['a base directory in dirs', 'path: .\ndirs: [/data, /etc]\n', 'gofile.yaml:2:15', '`dirs[1]` /etc is a directory the base image (or expand) has already'],
  ['/var/lib in dirs', 'path: .\ndirs: [/var/lib/]\n', 'gofile.yaml:2:8', '`dirs[0]` /var/lib is a directory the base image'],
  ['a world-writable chmod in setup', 'path: .\nbase: alpine\nsetup: [mkdir -p /data, chmod -R 777 /data]\n', 'gofile.yaml:3:25', '`setup[1]` chmod 777 makes the files writable by every user'],
  ['a secret in a build arg', 'path: .\nbuildArgs: {GH_TOKEN: x}\n', 'gofile.yaml:2:23', '`buildArgs.GH_TOKEN` looks like a secret, which a build arg leaves in the image'],
  ['a secret in env', 'path: .\nenv: {DB_PASSWORD: hunter2}\n', 'gofile.yaml:2:20', '`env.DB_PASSWORD` looks like a secret, which ENV leaves in the image'],
  ['a workdir in /root', 'path: .\nbase: alpine\nworkdir: /root/app\n', 'gofile.yaml:3:10', '`workdir` /root/app is in /root, root\'s home, which only root may enter'],
  ['a directory twice in dirs', 'path: .\ndirs: [/data, /data/]\n', 'gofile.yaml:2:15', '`dirs[1]` /data is listed twice'],
  ['a relative directory in dirs', 'path: .\ndirs: [data]\n', 'gofile.yaml:2:8', '`dirs[0]` must be an absolute path'],
  ['prebuilt with a glob', 'path: .\nprebuilt: dist/*\n', 'gofile.yaml:2:11', 'contains `*`'],
  // wrong types
  ['string for bool', 'path: .\ncgo: "yes"\n', 'gofile.yaml:2:6', '`cgo` must be true or false, got a string "yes"'],
  ['scalar for list', 'path: .\ntags: netgo\n', 'gofile.yaml:2:7', '`tags` must be a list, got a string'],
  ['list for map', 'path: .\nenv: [A]\n', 'gofile.yaml:2:6', '`env` must be a mapping of keys, got a list'],
  ['null value', 'path: .\nname:\n', 'gofile.yaml:2:6', '`name` must be a string, got nothing (null)'],
  ['not a spec', '- path: .\n', 'gofile.yaml:1:1', '`spec` must be a mapping of keys, got a list'],
  ['port out of range', 'path: .\nports: [70000]\n', 'gofile.yaml:2:9', '`ports[0]` must be between 1 and 65535'],
  ['enum', 'path: .\nplatforms: [linux/amd65]\n', 'gofile.yaml:2:13', 'did you mean "linux/amd64"?'],
  ['base keyword', 'path: .\nbase: Alpine\n', 'gofile.yaml:2:7', 'did you mean "alpine"?'],
  // values that would break or inject into the Dockerfile
  ['shell in a tag', 'path: .\ntags: [netgo, "a;rm -rf /"]\n', 'gofile.yaml:2:15', '`tags[1]` contains `;`, a shell metacharacter'],
  ['command substitution', 'path: .\nldflags: ["-X main.v=$(id)"]\n', 'gofile.yaml:2:11', '`ldflags[0]` contains `$`'],
  ['backtick in a build arg', 'path: .\nbuildArgs:\n  V: "`id`"\n', 'gofile.yaml:3:6', '`buildArgs.V` contains `` ` ``'.replace('`` ` ``', '`'),],
  ['space in a package', 'path: .\nbase: alpine\npackages: ["curl wget"]\n', 'gofile.yaml:3:12', 'contains whitespace'],
  ['newline in env', 'path: .\nenv:\n  A: "one\\ntwo"\n', 'gofile.yaml:3:6', 'contains a line break'],
  ['block scalar newline', 'path: .\nlabels:\n  a: |\n    one\n    two\n', 'gofile.yaml:3:6', 'contains a line break'],
  ['command substitution in env', 'path: .\nenv:\n  A: "$(id)"\n', 'gofile.yaml:3:6', 'uses `$` other than `$NAME` or `${NAME}`'],
  ['default in env', 'path: .\nenv:\n  A: "${B:-x}"\n', 'gofile.yaml:3:6', 'uses `$` other than `$NAME` or `${NAME}`'],
  // env names: any os.Getenv name Docker takes, but nothing that ends the key or quotes
  ['= in an env name', 'path: .\nenv:\n  "A=B": x\n', 'gofile.yaml:3:3', '`env` key "A=B" is not a valid name (letters, digits and _; dots and dashes for env'],
  ['space in an env name', 'path: .\nenv:\n  "A B": x\n', 'gofile.yaml:3:3', 'is not a valid name'],
  ['$ in an env name', 'path: .\nenv:\n  "$A": x\n', 'gofile.yaml:3:3', 'is not a valid name'],
  ['quote in an env name', 'path: .\nenv:\n  \'A"\': x\n', 'gofile.yaml:3:3', 'is not a valid name'],
  ['env name starting with a dash', 'path: .\nenv:\n  -A: x\n', 'gofile.yaml:3:3', 'is not a valid name'],
  ['dot in a build env name', 'path: .\nbuildEnv:\n  a.b: x\n', 'gofile.yaml:3:3', '`buildEnv` key "a.b" is not a valid name (letters, digits and _; not starting with a digit)'],
  ['$ in a label', 'path: .\nlabels:\n  a: "$HOME"\n', 'gofile.yaml:3:6', 'contains `$`, which the Dockerfile would expand'],
  ['quote in a label', 'path: .\nlabels:\n  a: \'say "hi"\'\n', 'gofile.yaml:3:6', 'contains `"`, which would need escaping'],
  ['quote in exec form', 'path: .\nentrypoint: ["/app", "a\\"b"]\n', 'gofile.yaml:2:22', 'inside the exec-form JSON array'],
  ['backslash in args', 'path: .\nargs: ["a\\\\b"]\n', 'gofile.yaml:2:8', 'contains `\\`'],
  ['undeclared build arg', 'path: .\nldflags: ["-X main.v=${VERSION}"]\n', 'gofile.yaml:2:11', '`ldflags[0]` uses ${VERSION}, which is not in `buildArgs`'],
  ['dash-led ref', 'repo: https://github.com/a/b\nref: --upload-pack=x\npath: .\n', 'gofile.yaml:2:6', '`ref` "--upload-pack=x" is not a git branch, tag or commit'],
  ['.. in ref', 'repo: https://github.com/a/b\nref: a..b\npath: .\n', 'gofile.yaml:2:6', 'is not a git branch'],
  ['shell in repo', 'repo: "https://x.io/a;id"\npath: .\n', 'gofile.yaml:1:7', '`repo` contains `;`'],
  ['token in repo', 'repo: https://user:tok@github.com/a/b\npath: .\n', 'gofile.yaml:1:7', 'credentials in its URL'],
  // paths
  ['.. in path', 'path: ../other\n', 'gofile.yaml:1:7', '`path` uses `..`, which would escape the build context'],
  ['absolute path', 'path: /abs/path\n', 'gofile.yaml:1:7', 'it must be relative'],
  ['... pattern', 'path: ./cmd/...\n', 'gofile.yaml:1:7', 'is a `...` package pattern'],
  ['... pattern in a name', 'path: ./a...\n', 'gofile.yaml:1:7', 'is a `...` package pattern'],
  ['.. in copy src', 'path: .\ncopy:\n  - src: a/../../secret\n    dest: /x\n', 'gofile.yaml:3:10', '`copy[0].src` uses `..`'],
  ['relative copy dest', 'path: .\ncopy:\n  - src: a\n    dest: etc/a\n', 'gofile.yaml:4:11', 'must be an absolute path'],
  ['relative workdir', 'path: .\nworkdir: data\n', 'gofile.yaml:2:10', 'must be an absolute path'],
  ['bare entrypoint', 'path: .\nentrypoint: [app]\n', 'gofile.yaml:2:14', '`entrypoint[0]` "app" must be a path'],
  ['entrypoint escaping workdir', 'path: .\nentrypoint: [../app]\n', 'gofile.yaml:2:14', '`entrypoint[0]` uses `..`'],
  ['digest on scratch', 'path: .\nscratch: true\nbaseDigest: sha256:' + 'a'.repeat(64) + '\n', 'gofile.yaml:3:13', '`baseDigest` on scratch'],
  ['digest on base scratch', 'path: .\nbase: scratch\nbaseDigest: sha256:' + 'a'.repeat(64) + '\n', 'gofile.yaml:3:13', '`baseDigest` on scratch'],
  ['reserved build arg', 'path: .\nbuildArgs:\n  GOFLAGS: -mod=mod\n', 'gofile.yaml:3:12', 'build arg GOFLAGS would be in the go build\'s environment'],
  ['build with a package path', 'path: ./cmd/x\nbuild: {command: make, output: bin/x}\n', 'gofile.yaml:1:7', '`path` is not used with `build.command`'],
  ['build with ldflags', 'path: .\nbuild: {command: make, output: x}\nldflags: [-X a=b]\n', 'gofile.yaml:3:10', '`ldflags` is for go build'],
  ['build command that is go build', 'path: .\nbuild: {command: go build ./cmd/x, output: x}\n', 'gofile.yaml:2:18', 'is `go build`'],
  ['build command chaining', 'path: .\nbuild: {command: make && rm -rf /, output: x}\n', 'gofile.yaml:2:18', 'contains `&`, a shell metacharacter'],
  ['build command setting GOFLAGS', 'path: .\nbuild: {command: GOFLAGS=-mod=mod make, output: x}\n', 'gofile.yaml:2:18', 'cannot set GOFLAGS'],
  ['build command with an unknown variable', 'path: .\nbuild:\n  command: make V=${V}\n  output: x\n', 'gofile.yaml:3:12', 'uses ${V}, which is not in `buildArgs`'],
  ['build output escaping', 'path: .\nbuild: {command: make, output: ../x}\n', 'gofile.yaml:2:32', 'uses `..`'],
  ['copy of an absolute path from the context', 'path: .\ncopy: [{src: /etc/app.conf, dest: /etc/app.conf}]\n', 'gofile.yaml:2:14', '`copy[0].src` is an absolute path; it must be relative to the build context (or name the image'],
  ['copy of a relative path out of an image', 'path: .\ncopy: [{from: busybox:1.36, src: bin/busybox, dest: /bin/busybox}]\n', 'gofile.yaml:2:34', 'must be an absolute path in the image'],
  ['copy out of an image with no tag', 'path: .\ncopy: [{from: busybox, src: /bin/busybox, dest: /bin/busybox}]\n', 'gofile.yaml:2:15', '`copy[0].from` "busybox" has no tag'],
  ['copy out of a latest image', 'path: .\ncopy: [{from: "busybox:latest", src: /bin/busybox, dest: /bin/busybox}]\n', 'gofile.yaml:2:15', 'floats with :latest'],
  ['setup on distroless', 'path: .\nsetup: [mkdir -p /data]\n', 'gofile.yaml:2:8', '`setup` commands need a base with a shell (alpine, debian-slim, or a distroless :debug tag, which has busybox); gcr.io/distroless/static-debian'],
  ['setup on a distroless :debug-nonroot tag', 'path: .\nbase: gcr.io/distroless/static-debian12:debug-nonroot\nsetup: [mkdir -p /data]\n', 'gofile.yaml:3:8', '`setup` commands run as root, but :debug-nonroot runs them as the nonroot user; use the tag without nonroot'],
  ['setup on a chainguard -dev tag', 'path: .\nbase: cgr.dev/chainguard/static:latest-dev\nbaseDigest: sha256:' + 'a'.repeat(64) + '\nsetup: [mkdir -p /data]\n', 'gofile.yaml:4:8', '`setup` commands need a base with a shell'],
  ['packages on a distroless :debug tag', 'path: .\nbase: gcr.io/distroless/static:debug\npackages: [curl]\n', 'gofile.yaml:3:11', '`packages` need a base with a package manager'],
  ['update-ca-certificates on a distroless :debug tag', 'path: .\nbase: gcr.io/distroless/base-nossl-debian12:debug\nsetup: [mkdir -p /data, update-ca-certificates]\n', 'gofile.yaml:3:25', '`setup[1]` runs update-ca-certificates, which busybox does not have'],
  ['setup with a pipe', 'path: .\nbase: alpine\nsetup: [curl x | sh]\n', 'gofile.yaml:3:9', '`setup[0]` is more than one plain command'],
  ['setup with &&', 'path: .\nbase: alpine\nsetup: [mkdir /a && mkdir /b]\n', 'gofile.yaml:3:9', 'write one command per entry'],
  ['setup with a command substitution', 'path: .\nbase: alpine\nsetup: [\'touch $(date)\']\n', 'gofile.yaml:3:9', 'is more than one plain command'],
  ['setup with a comment', 'path: .\nbase: alpine\nsetup: [\'mkdir /a # and b\']\n', 'gofile.yaml:3:9', 'or a comment'],
  ['setup with a redirection', 'path: .\nbase: alpine\nsetup: [\'echo on > /etc/flag\']\n', 'gofile.yaml:3:9', '`setup[0]` has a redirection'],
  ['setup with an assignment', 'path: .\nbase: alpine\nsetup: [\'LANG=C sort /etc/x\']\n', 'gofile.yaml:3:9', 'sets LANG for the command'],
  ['setup with an open quote', 'path: .\nbase: alpine\nsetup: [\'echo "x\']\n', 'gofile.yaml:3:9', 'does not parse as a shell command: unterminated'],
  ['setup with a quoted command name', 'path: .\nbase: alpine\nsetup: [\'"mkdir /a"\']\n', 'gofile.yaml:3:9', 'the command name must be a plain word'],
  ['setup ending in a backslash', 'path: .\nbase: alpine\nsetup: [\'mkdir /a \\\']\n', 'gofile.yaml:3:9', 'ends in a backslash'],
  ['setup with a line break', 'path: .\nbase: alpine\nsetup: ["mkdir /a\\nmkdir /b"]\n', 'gofile.yaml:3:9', 'contains a line break'],
  ['setup installing packages', 'path: .\nbase: alpine\nsetup: [apk add curl]\n', 'gofile.yaml:3:9', 'use `packages`'],
  ['stop signal word', 'path: .\nstopSignal: TERM\n', 'gofile.yaml:2:13', 'is not a signal'],
  ['volume relative', 'path: .\nvolumes: [data]\n', 'gofile.yaml:2:11', 'must be an absolute path'],
  // choices that make a bad image
  ['root user', 'path: .\nuser: 0\n', 'gofile.yaml:2:7', '`user` is root'],
  ['root by name', 'path: .\nuser: "root:root"\n', 'gofile.yaml:2:7', '`user` is root'],
  ['named user', 'path: .\nuser: app\n', 'gofile.yaml:2:7', 'is a name; use a number'],
  ['digest in base', 'path: .\nbase: alpine:3.20@sha256:abc\n', 'gofile.yaml:2:7', 'put it in `baseDigest`'],
  ['untagged image', 'path: .\nbase: myimage\n', 'gofile.yaml:2:7', '`base` "myimage" has no tag'],
  ['latest builder', 'path: .\nbuilder: golang:latest\n', 'gofile.yaml:2:10', 'floats with :latest'],
  ['unpinned chainguard', 'path: .\nbase: chainguard/static\n', 'gofile.yaml:2:7', 'pin it with `baseDigest'],
  ['bad digest', 'path: .\nbaseDigest: sha256:abc\n', 'gofile.yaml:2:13', 'is not a digest'],
  ['packages on distroless', 'path: .\npackages: [curl]\n', 'gofile.yaml:2:11', 'need a base with a package manager'],
  ['scratch and base', 'path: .\nscratch: true\nbase: alpine\n', 'gofile.yaml:3:7', 'disagree'],
  ['ref without repo', 'path: .\nref: main\n', 'gofile.yaml:2:6', '`ref` needs `repo`'],
  ['GOPRIVATE of a public host', 'path: .\nprivate:\n  modules: ["github.com/*"]\n', 'gofile.yaml:3:13', 'covers every public module on github.com'],
  ['GOPRIVATE wildcard host', 'path: .\nprivate:\n  modules: ["*"]\n', 'gofile.yaml:3:13', 'no wildcard in the host'],
  ['secret with ssh', 'path: .\nprivate:\n  modules: [github.com/acme/*]\n  auth: ssh\n  secret: x\n', 'gofile.yaml:5:11', 'for netrc auth'],
  ['reserved build env', 'path: .\nbuildEnv:\n  CGO_ENABLED: "1"\n', 'gofile.yaml:3:16', 'it comes from `cgo`'],
  ['weakened verification', 'path: .\nbuildEnv:\n  GOSUMDB: "off"\n', 'gofile.yaml:3:12', 'weaken module verification'],
  ['env shadowing a build arg', 'path: .\nbuildArgs:\n  V: dev\nbuildEnv:\n  V: x\n', 'gofile.yaml:5:6', 'would shadow the build arg'],
  ['reserved build arg', 'path: .\nbuildArgs:\n  TARGETARCH: x\n', 'gofile.yaml:3:15', 'set by BuildKit'],
  ['duplicate port', 'path: .\nports: [80, 80/tcp]\n', 'gofile.yaml:2:13', 'listed twice'],
  ['cgo libc mismatch', 'path: .\ncgo: true\nbuilder: golang:1.26-alpine\nbase: distroless/base\n', 'gofile.yaml:3:10', 'would not start'],
  // YAML itself
  ['a shell as the health check on distroless', 'path: .\nhealthcheck: {cmd: [/bin/sh, -c, x]}\n', 'gofile.yaml:2:21', '`healthcheck.cmd[0]` runs sh, which `distroless/static` does not have'],
  ['curl as the health check on scratch', 'path: .\nscratch: true\nhealthcheck: {cmd: [/usr/bin/curl, -f, x]}\n', 'gofile.yaml:3:21', 'runs curl, which `scratch` does not have'],
  // healthcheck.shell: a command line for /bin/sh, exactly where the base has one, and nothing that breaks the HEALTHCHECK line
  ['a health check with cmd and shell', 'path: .\nbase: alpine\nhealthcheck:\n  cmd: [/usr/local/bin/app, ping]\n  shell: "wget -qO- localhost:8080 || exit 1"\n', 'gofile.yaml:5:3', '`healthcheck` has `cmd` and `shell`; keep one'],
  ['a health check with neither', 'path: .\nbase: alpine\nhealthcheck:\n  interval: 5s\n', 'gofile.yaml:4:3', '`healthcheck` needs one of `cmd` or `shell`'],
  ['a shell health check on distroless', 'path: .\nhealthcheck: {shell: "wget -qO- localhost:8080 || exit 1"}\n', 'gofile.yaml:2:22', '`healthcheck.shell` runs /bin/sh -c, which `distroless/static` does not have: write `cmd` in exec form'],
  ['a shell health check on scratch', 'path: .\nscratch: true\nhealthcheck:\n  shell: "nc -z localhost 8443 || exit 1"\n', 'gofile.yaml:4:10', 'which `scratch` does not have'],
  ['a shell health check on distroless :debug', 'path: .\nbase: gcr.io/distroless/static-debian12:debug\nhealthcheck: {shell: "nc -z localhost 8443 || exit 1"}\n', 'gofile.yaml:3:22', 'its busybox is at /busybox/sh, not /bin/sh'],
  ['a shell health check on chainguard', `path: .\nbase: chainguard/glibc-dynamic\nbaseDigest: sha256:${'a'.repeat(64)}\nhealthcheck: {shell: "nc -z localhost 8443 || exit 1"}\n`, 'gofile.yaml:4:22', 'which `chainguard/glibc-dynamic` does not have'],
  ['a shell health check on an image named distroless', 'path: .\nbase: registry.example.com/distroless/static:1\nhealthcheck: {shell: "nc -z localhost 8443 || exit 1"}\n', 'gofile.yaml:3:22', 'runs /bin/sh -c'],
  ['a line break in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "nc -z localhost 8443\\nexit 1"}\n', 'gofile.yaml:3:22', 'contains a line break, which would end the Dockerfile instruction early'],
  ['a trailing backslash in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "nc -z localhost 8443 || exit 1 \\\\"}\n', 'gofile.yaml:3:22', 'ends in a backslash, which would join the next Dockerfile line'],
  ['NUL in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "nc -z localhost\\0 || exit 1"}\n', 'gofile.yaml:3:22', 'contains a control character'],
  ['a tab in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "nc -z\\tlocalhost 1 || exit 1"}\n', 'gofile.yaml:3:22', 'contains a control character'],
  ['a heredoc in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "sh <<EOF || exit 1"}\n', 'gofile.yaml:3:22', 'has a heredoc or here-string (`<<`)'],
  ['a leading space in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: " nc -z localhost 1 || exit 1"}\n', 'gofile.yaml:3:22', 'starts or ends with a space, which the Dockerfile would trim'],
  ['non-ASCII in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "echo caf\u00e9 || exit 1"}\n', 'gofile.yaml:3:22', 'contains `\u00e9`, outside printable ASCII'],
  ['a JSON list as a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: \'["/usr/local/bin/app", "ping"]\'}\n', 'gofile.yaml:3:22', 'starts with a JSON list, which the Dockerfile reads as the exec form'],
  // BuildKit decodes the first JSON value only: this line would be the exec form ["$(pgrep server)"], a check that always fails
  ['a shell health check opening with a JSON list', 'path: .\nbase: alpine\nhealthcheck: {shell: \'[ "$(pgrep server)" ] || exit 1\'}\n', 'gofile.yaml:3:22', 'starts with a JSON list'],
  ['a shell health check opening with a JSON list of numbers', 'path: .\nbase: alpine\nhealthcheck: {shell: \'[ 1 ] || exit 1\'}\n', 'gofile.yaml:3:22', 'starts with a JSON list'],
  ['an unterminated quote in a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: "grep -q \'ok /tmp/state || exit 1"}\n', 'gofile.yaml:3:22', 'does not parse as a shell command line: unterminated single quote'],
  ['plain words as a shell health check', 'path: .\nbase: alpine\nhealthcheck: {shell: wget -q --spider http://localhost:8080/healthz}\n', 'gofile.yaml:3:22', 'is plain words, which need no shell: write it in exec form, `cmd: [wget, -q, --spider, http://localhost:8080/healthz]` (the program by its absolute path, e.g. /usr/bin/wget)'],
  ['curl on alpine without the package', 'path: .\nbase: alpine\nhealthcheck: {shell: "curl -fsS localhost:8080/healthz || exit 1"}\n', 'gofile.yaml:3:22', 'runs curl, which alpine:'],
  ['wget on debian-slim without the package', 'path: .\nbase: debian-slim\nhealthcheck: {shell: "wget -qO- localhost:8080/healthz || exit 1"}\n', 'gofile.yaml:3:22', 'runs wget, which debian:'],
  ['a shell as the entrypoint on scratch', 'path: .\nscratch: true\nentrypoint: [/bin/bash]\n', 'gofile.yaml:3:14', '`entrypoint[0]` runs bash'],
  ['a pattern copied to a file', 'path: .\ncopy: [{src: "conf/*.yaml", dest: /etc/app}]\n', 'gofile.yaml:2:35', '`copy[0].dest` "/etc/app" must end in / : `copy[0].src` is a pattern'],
  ['duplicate key', 'path: .\npath: ./x\n', 'gofile.yaml:2:1', 'Map keys must be unique'],
  ['syntax error', 'path: [.\n', 'gofile.yaml:2:1', 'not valid YAML'],
  ['two documents', 'path: .\n---\npath: .\n', 'gofile.yaml:2:1', 'one YAML document'],
  ['empty', '', 'gofile.yaml:1:1', 'the spec is empty'],
  ['comments only', '#syntax=felipecruz/gofile\n', 'gofile.yaml:1:1', 'the spec is empty'],
];

describe('loadSpec refuses bad input at its position', () => {
  it.each(BAD)('%s', (_what, text, where, fragment) => {
    const f = failure(text);
    expect(f.message).toContain(fragment);
    expect(f.where).toBe(where);
  });
});

describe('limits', () => {
  it('refuses an alias bomb with a clear message', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\npath: .\n';
    expect(failure(bomb).message).toMatch(/aliases expand too far/);
  });
  it('follows a few aliases, which are legitimate', () => {
    const s = loadSpec('path: .\ntags: &t [netgo]\nbuildPackages: &p [gcc]\nbase: alpine\npackages: *p\n', 'g.yaml');
    expect(s.packages).toEqual(['gcc']);
  });
  it('refuses thousands of nested brackets with a clear message', () => {
    expect(failure('path: .\ntags: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n').message).toMatch(/nests too deeply/);
  });
  it('refuses a huge document before parsing it', () => {
    const f = failure('path: .\n' + '#'.repeat(MAX_SPEC_BYTES));
    expect(f.message).toMatch(/KiB is refused/);
    expect(f.where).toBe('gofile.yaml::');
  });
});

describe('what it accepts', () => {
  it('reads the original gofile spec as it is, #syntax line and all', () => {
    const s = loadSpec('#syntax=felipecruz/gofile\nrepo: https://github.com/dockersamples/helloworld-go-demo\npath: .\nref: main\nscratch: true # certs\n', 'Gofile.yaml');
    expect(s).toEqual({ repo: 'https://github.com/dockersamples/helloworld-go-demo', path: '.', ref: 'main', scratch: true });
  });
  it('keeps a Go version YAML would read as a number as written', () => {
    expect(loadSpec('path: .\ngo: 1.20\n', 'g.yaml').go).toBe('1.20');
    expect(loadSpec('path: .\nbuildArgs:\n  VERSION: 1.0\n', 'g.yaml').buildArgs).toEqual({ VERSION: '1.0' });
  });
  it('takes an empty repo as the local context, as the original did', () => {
    expect(loadSpec('repo:\npath: .\n', 'g.yaml').repo).toBe('');
  });
  it('takes the whole build context into a directory, as `.` whichever way it is written', () => {
    const spec = loadSpec('path: .\ncopy:\n  - {src: ., dest: /app/}\n  - {src: ./, dest: /srv/ctx/}\n', 'g.yaml');
    expect(resolveSpec(spec).copy).toEqual([{ src: '.', dest: '/app/' }, { src: '.', dest: '/srv/ctx/' }]);
  });
  it('takes a copy mode as written, quoted or a YAML number, and resolves it to three digits', () => {
    const spec = loadSpec('path: .\ncopy:\n  - {src: run.sh, dest: /run.sh, mode: 0755}\n  - {src: a.conf, dest: /etc/a.conf, mode: "644"}\n', 'g.yaml');
    expect(spec.copy!.map((c) => c.mode)).toEqual(['0755', '644']);
    expect(resolveSpec(spec).copy.map((c) => c.mode)).toEqual(['755', '644']);
  });
  it('takes env names with dots and dashes, which Go programs read with os.Getenv', () => {
    expect(loadSpec('path: .\nenv:\n  v2ray.location.asset: /opt/v2ray/share\n  app-mode: prod\n  _X.1: y\n', 'g.yaml').env).toEqual({ 'v2ray.location.asset': '/opt/v2ray/share', 'app-mode': 'prod', '_X.1': 'y' });
  });
  it('takes ${NAME} of a declared build arg in ldflags and buildEnv', () => {
    const s = loadSpec('path: .\nbuildArgs:\n  V: dev\nldflags: ["-X main.v=${V}"]\nbuildEnv:\n  X: "${V}"\n', 'g.yaml');
    expect(s.ldflags).toEqual(['-X main.v=${V}']);
  });
  it('takes a shell or curl health check where the base has them, or a copy brings them', () => {
    expect(loadSpec('path: .\nbase: alpine:3.20\nhealthcheck: {cmd: [/bin/sh, -c, x]}\n', 'g.yaml').healthcheck?.cmd?.[0]).toBe('/bin/sh');
    expect(loadSpec('path: .\nbase: gcr.io/distroless/static-debian12:debug\nentrypoint: [/busybox/sh]\n', 'g.yaml').entrypoint?.[0]).toBe('/busybox/sh');
    const withCurl = 'path: .\nscratch: true\ncopy: [{from: "curlimages/curl:8.10.1", src: /usr/bin/curl, dest: /usr/bin/curl}]\nhealthcheck: {cmd: [/usr/bin/curl, -f, x]}\n';
    expect(loadSpec(withCurl, 'g.yaml').healthcheck?.cmd?.[0]).toBe('/usr/bin/curl');
  });

  it('takes a shell health check where the base has /bin/sh: alpine, debian, ubuntu and other images', () => {
    const line = 'wget -qO- http://localhost:8080/healthz | grep -q "ok" || exit 1';
    for (const base of ['alpine', 'alpine:3.20', 'debian-slim', 'ubuntu:24.04', 'node:20-alpine', 'registry.example.com/team/runtime:1.4', 'busybox:1.36']) {
      const packages = /debian|ubuntu/.test(base) ? 'packages: [wget]\n' : '';
      expect(loadSpec(`path: .\nbase: ${base}\n${packages}healthcheck:\n  shell: ${JSON.stringify(line)}\n  interval: 1m\n`, 'g.yaml').healthcheck, base).toEqual({ shell: line, interval: '1m' });
    }
  });
  it('takes curl or wget in a shell health check where the base has it, packages install it or a copy brings it', () => {
    const check = (spec: string) => loadSpec(spec, 'g.yaml').healthcheck?.shell;
    expect(check('path: .\nbase: alpine\npackages: [curl=8.9.1-r0]\nhealthcheck: {shell: "curl -fsS localhost:8080/healthz || exit 1"}\n')).toMatch(/^curl/);
    expect(check('path: .\nbase: alpine\ncopy: [{from: "curlimages/curl:8.10.1", src: /usr/bin/curl, dest: /usr/bin/curl}]\nhealthcheck: {shell: "/usr/bin/curl -f x || exit 1"}\n')).toMatch(/curl/);
    // an application image may well have it (the golang images do): trusted, as elsewhere
    expect(check('path: .\nbase: python:3.12-slim\nhealthcheck: {shell: "curl -f x || exit 1"}\n')).toMatch(/^curl/);
    // a test that starts with `[` is the shell form, not JSON
    expect(check('path: .\nbase: alpine\nhealthcheck: {shell: "[ -f /tmp/healthy ]"}\n')).toBe('[ -f /tmp/healthy ]');
  });

  it('takes a setup command with quotes, globs and variables, one shell command each', () => {
    const setup = ["sed -i 's|:80|:8080|' /etc/app.conf", 'rm -f /etc/app/*.example', 'mkdir -p "$HOME/.cache"', 'echo a\\ b'];
    expect(loadSpec(`path: .\nbase: alpine\nsetup:\n${setup.map((c) => `  - ${JSON.stringify(c)}\n`).join('')}`, 'g.yaml').setup).toEqual(setup);
  });
  it('takes setup on a distroless :debug tag, which runs as root with busybox\'s shell', () => {
    for (const base of ['gcr.io/distroless/static:debug', 'gcr.io/distroless/static-debian12:debug', 'gcr.io/distroless/base-nossl-debian12:debug', 'gcr.io/distroless/cc-debian12:debug-amd64']) {
      expect(loadSpec(`path: .\nbase: ${base}\nsetup: [ln -s /busybox/sh /bin/sh]\n`, 'g.yaml').setup, base).toEqual(['ln -s /busybox/sh /bin/sh']);
    }
  });
});

describe('did you mean', () => {
  it('measures transpositions as one edit', () => expect(editDistance('nmae', 'name')).toBe(1));
  it('suggests only close words', () => {
    expect(didYouMean('platfrom', ['platforms', 'ports'])).toBe('platforms');
    expect(didYouMean('zzz', ['platforms', 'ports'])).toBeUndefined();
  });
});

describe('secrets and world-writable files', () => {
  it('takes a path to a secret, a sticky mode and names that only look alike', () => {
    expect(loadSpec('path: .\nenv: {GOOGLE_APPLICATION_CREDENTIALS: /run/secrets/gcp.json, TOKEN_URL: https://auth.example/token}\nbase: alpine\nsetup: [chmod 1777 /scratch, chmod 755 /app]\n', 'g.yaml').setup).toHaveLength(2);
  });
});

describe('dirs', () => {
  it('takes a program\'s own directory under one the base has (/var/dex, /usr/local/app, /etc/app), not the base\'s own', () => {
    expect(loadSpec('path: .\ndirs: [/var/dex, /usr/local/app/data, /etc/app, /var/log/app]\n', 'g.yaml').dirs).toEqual(['/var/dex', '/usr/local/app/data', '/etc/app', '/var/log/app']);
    for (const d of ['/var/log', '/var/cache', '/usr/local/bin', '/usr/share']) {
      expect(() => loadSpec(`path: .\ndirs: [${d}]\n`, 'g.yaml')).toThrow(`${d} is a directory the base image`);
    }
  });
});

describe('an official image whose tag names its OS', () => {
  it('takes packages and setup on node:20-alpine (apk) and python:3.12-slim (apt), and their own variables in env', () => {
    expect(resolveSpec(loadSpec('path: .\nbase: node:20-alpine\npackages: [curl]\nsetup: [mkdir -p /data]\nenv: {V: $NODE_VERSION}\n', 'g.yaml')).baseKind).toBe('alpine');
    expect(resolveSpec(loadSpec('path: .\nbase: python:3.12-slim-bookworm\npackages: [curl]\n', 'g.yaml')).baseKind).toBe('debian');
  });
  it('links cgo against musl on an -alpine tag, so the builder is the alpine golang image', () => {
    expect(resolveSpec(loadSpec('path: .\ncgo: true\nbase: golang:1.23-alpine3.20\n', 'g.yaml')).builder).toMatch(/-alpine$/);
  });
  it('still holds alpine itself to its environment, and leaves an image whose tag says nothing (or another registry\'s) alone', () => {
    expect(() => loadSpec('path: .\nbase: alpine:3.20\nenv: {V: $NODE_VERSION}\n', 'g.yaml')).toThrow('nothing sets at that point');
    expect(() => loadSpec('path: .\nbase: node:20\npackages: [curl]\n', 'g.yaml')).toThrow('need a base with a package manager');
    expect(() => loadSpec('path: .\nbase: ghcr.io/acme/tool:1-alpine\npackages: [curl]\n', 'g.yaml')).toThrow('need a base with a package manager');
  });
});
