#!/usr/bin/env node
// gofile's start-up: run the one-file bundle through V8's code cache, so a pre-commit hook does not
// pay for parsing and compiling the CLI on every commit. Any trouble with the cache falls back to a plain run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const os = require('node:os');
const Module = require('node:module');

const bundle = path.join(__dirname, 'gofile-main.cjs');
const source = fs.readFileSync(bundle, 'utf8');
const key = `${process.version}-${process.arch}-${source.length.toString(36)}-${hash(source)}.v8cache`;
const shipped = path.join(__dirname, 'cache', key);
const userDir = process.env.GOFILE_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'gofile');
const userCache = path.join(userDir, key);

// A cheap fingerprint of the bundle: a cache made for another bundle must never be used.
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += 97) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function readCache() {
  for (const p of [userCache, shipped]) {
    try { return { data: fs.readFileSync(p), from: p }; } catch { /* try the next */ }
  }
  return { data: undefined, from: undefined };
}

// The build's training run compiles afresh: a user cache left by an earlier identical bundle must not stop it writing.
const cache = process.env.GOFILE_NO_CODE_CACHE || process.env.GOFILE_WRITE_SHIPPED_CACHE ? { data: undefined } : readCache();
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cache.data, importModuleDynamically: undefined });
const mod = { exports: {} };
// After the command, save what V8 compiled, once per bundle and Node version.
if (!process.env.GOFILE_NO_CODE_CACHE && (!cache.data || script.cachedDataRejected)) {
  process.once('beforeExit', () => {
    try {
      const target = process.env.GOFILE_WRITE_SHIPPED_CACHE ? shipped : userCache;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, target);
    } catch { /* a read-only home or dist: run without a cache */ }
  });
}
script.runInThisContext().call(mod.exports, mod.exports, require, mod, bundle, __dirname);
