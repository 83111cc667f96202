#!/usr/bin/env node
// gofile's start-up: run a bundle through V8's code cache, so a pre-commit hook does not pay for parsing and
// compiling the CLI on every commit. A plain `gofile lint` loads the small lint bundle only; anything it does
// not take (other commands, --help, …) runs the full CLI bundle. Trouble with a cache falls back to a plain run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

// Node's CommonJS wrapper (Module.wrap), without loading node:module for it (~0.3 ms)
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

// Written by build.mjs: each bundle's length and content hash, so a cache made for another bundle is never used.
const BUNDLES = /* bundles */ {};

const loaded = new Map();

function load(name) {
  if (!loaded.has(name)) loaded.set(name, run(name));
  return loaded.get(name);
}

// The bundles' require: another bundle (what the lint bundle leaves out: YAML, diff, …) goes through the code cache too.
function bundleRequire(id) {
  return /^\.\/gofile-[a-z]+\.cjs$/.test(id) ? load(id.slice(2)) : require(id);
}

function run(name) {
  const file = path.join(__dirname, name);
  // The bundles are ASCII (build.mjs checks): latin1 reads them as utf8 would, without the decoding.
  const source = fs.readFileSync(file, 'latin1');
  const built = BUNDLES[name];
  const key = built && built.length === source.length ? `${process.version}-${process.arch}-${built.hash}` : undefined;
  const noCache = !key || process.env.GOFILE_NO_CODE_CACHE;
  const training = process.env.GOFILE_WRITE_SHIPPED_CACHE;
  const shipped = key && path.join(__dirname, 'cache', `${name}-${key}.v8cache`);
  let script;
  let userCache;
  if (!noCache && !training) {
    // This user's own cache first: it exists only where the shipped one did not fit this Node (a distribution's
    // build of the same version, say), and trying the shipped one first would compile twice on every run.
    userCache = userCachePath(`${name}-${key}.v8cache`);
    const data = (userCache && read(userCache)) || read(shipped);
    if (data) script = compile(source, file, data);
  }
  if (!script) script = compile(source, file, undefined);
  // After the command, save what V8 compiled, once per bundle and Node version.
  if (!noCache && (training || !script.hadCache || script.cachedDataRejected)) {
    process.once('beforeExit', () => {
      try {
        const target = training ? shipped : userCache;
        if (!target) return;
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const tmp = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, target);
      } catch { /* a read-only home or dist: run without a cache */ }
    });
  }
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, bundleRequire, mod, file, __dirname);
  return mod.exports;
}

function compile(source, file, cachedData) {
  const script = new vm.Script(WRAPPER[0] + source + WRAPPER[1], { filename: file, cachedData, importModuleDynamically: undefined });
  script.hadCache = cachedData !== undefined;
  return script;
}

// Asks first rather than catching ENOENT: the first error a run throws costs ~0.3 ms of Node's error set-up.
function read(file) {
  if (!fs.existsSync(file)) return undefined;
  try { return fs.readFileSync(file); } catch { return undefined; }
}

// undefined where there is no home to find (os.homedir throws without HOME or a passwd entry); $HOME first, as
// os.homedir reads it, without loading node:os on every run
function userCachePath(file) {
  try {
    const dir = process.env.GOFILE_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(process.env.HOME || require('node:os').homedir(), '.cache'), 'gofile');
    return path.join(dir, file);
  } catch {
    return undefined;
  }
}

// gofile-lint.cjs returns false for what it does not take; gofile-main.cjs runs the CLI when loaded.
if (!(process.argv[2] === 'lint' && load('gofile-lint.cjs').tryRunLint(process.argv.slice(2)))) load('gofile-main.cjs');
