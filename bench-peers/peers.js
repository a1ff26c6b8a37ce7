// Times the npm peer over a text file with a pattern list, one JSON line, in the format of
// peers.py.
//
// Usage: node peers.js PATTERNS TEXT [RUNS]

'use strict';

const fs = require('fs');
const { Mint } = require('mint-filter');

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  const [patternsPath, textPath, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg || 5);
  const patterns = fs.readFileSync(patternsPath, 'utf8').split('\n').filter((p) => p);
  const text = fs.readFileSync(textPath, 'utf8');

  const builds = [];
  let mint = null;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    mint = new Mint(patterns);
    builds.push(seconds(start));
  }
  const scans = [];
  let matches = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    // The words found, without building the masked text.
    matches = mint.filter(text, { replace: false }).words.length;
    scans.push(seconds(start));
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  const scan = median(scans);
  console.log(JSON.stringify({
    tool: 'mint-filter',
    patterns: patterns.length,
    bytes,
    build_ms: Math.round(median(builds) * 1e5) / 100,
    scan_s: Math.round(scan * 1e4) / 1e4,
    mib_s: Math.round((bytes / 2 ** 20 / scan) * 10) / 10,
    matches,
  }));
}

main();
