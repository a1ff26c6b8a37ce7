// sanshen-wasm: check Chinese posts in the browser. Offsets in findings are UTF-16 code
// units, so they index JavaScript strings directly.
import initWasm, { Checker, modelIncluded as wasmModelIncluded } from './pkg/sanshen_wasm.js';

let checker = null;

/** Loads the WebAssembly module and builds the linter; call once before check and fix. */
export async function init(moduleOrPath) {
  if (!checker) {
    performance.mark('sanshen:init');
    await initWasm(moduleOrPath === undefined ? undefined : { module_or_path: moduleOrPath });
    performance.mark('sanshen:instantiated');
    checker = new Checker();
    performance.mark('sanshen:ready');
  }
}

/** Today in Beijing (UTC+8) as YYYY-MM-DD: the day a post is checked as of by default. */
export function beijingDate(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

function options(o = {}) {
  return JSON.stringify({
    date: o.date ?? beijingDate(),
    format: o.format ?? 'plain',
    reply: o.reply ?? false,
  });
}

function ready() {
  if (!checker) throw new Error('sanshen-wasm: call init() first');
  return checker;
}

/** The findings of `text`. */
export function check(text, opts) {
  return JSON.parse(ready().check(text, options(opts)));
}

/** `text` with its unambiguous fixes applied, what was fixed and what is left. */
export function fix(text, opts) {
  return JSON.parse(ready().fix(text, options(opts)));
}

/**
 * Whether the statistical typo model (rule `typo/model`) runs: always `false` in the browser
 * package, which leaves the model out to stay small; dictionary typos are found as elsewhere.
 */
export function modelIncluded() {
  ready();
  return wasmModelIncluded();
}

/** Number of dictionary entries in use. */
export function entryCount() {
  return ready().entryCount();
}
