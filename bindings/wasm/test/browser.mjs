// Drives the demo page in headless Chromium: types a sentence with errors, checks the
// underlines, hovers one, clicks another to fix it, and saves a screenshot to
// target/artifacts/. Prints the load and check times (figures, not assertions).
//
// node test/browser.mjs   (after build.sh and npm install; CHROMIUM overrides /usr/bin/chromium)
import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, dirname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const artifacts = join(root, '..', '..', 'target', 'artifacts');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.log(`SKIPPED: no Chromium at ${chromium}; the browser test did not run`);
  process.exit(0);
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

/** A static server over the package folder, on a free loopback port. */
async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': types[extname(path)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return server;
}

const SENTENCE = '各单位要再接再励，认真布署。';

/** The fields `sanshen.d.ts` declares for an interface, sorted. */
function declared(name) {
  const dts = readFileSync(join(root, 'sanshen.d.ts'), 'utf8');
  const body = dts.match(new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`));
  assert.ok(body, `no interface ${name} in sanshen.d.ts`);
  return [...body[1].matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

/** The package's own API in the page: check and fix, with UTF-16 offsets into JS strings. */
async function checkTheApi(page) {
  const got = await page.evaluate(async () => {
    const s = await import('/sanshen.js');
    const { automatonBuiltAtLoad } = await import('/pkg/sanshen_wasm.js');
    const options = { date: '2026-12-06' };
    const text = '🇨🇳各单位要再接再励，认真布署。';
    const md = '# 通知\n\n各单位要**认真布署**。';
    return {
      text,
      md,
      found: s.check(text, options),
      fixed: s.fix(text, options),
      inMarkdown: s.check(md, { ...options, format: 'markdown' }),
      abuse: [false, true].map((reply) => s.check('你懂个屁，别瞎说。', { ...options, reply })),
      builtAtLoad: automatonBuiltAtLoad(),
      modelIncluded: s.modelIncluded(),
    };
  });
  assert.equal(got.builtAtLoad, false, 'the automaton built with the package was not used');
  assert.equal(got.modelIncluded, false, 'the package says it leaves the statistical model out');
  const slice = (text, f) => text.slice(f.start_utf16, f.end_utf16);
  assert.deepEqual(got.found.map((f) => slice(got.text, f)), ['再接再励', '布署']);
  assert.deepEqual(got.found.map((f) => f.text), ['再接再励', '布署']);
  assert.deepEqual(Object.keys(got.found[0]).sort(), declared('Finding'), 'sanshen.d.ts is out of date');
  assert.deepEqual(Object.keys(got.found[0].source).sort(), declared('Source'));
  assert.deepEqual(Object.keys(got.fixed).sort(), declared('Fixed'));
  assert.equal(got.fixed.text, '🇨🇳各单位要再接再厉，认真部署。');
  assert.deepEqual(got.fixed.applied.map((f) => slice(got.text, f)), ['再接再励', '布署']);
  assert.deepEqual(got.inMarkdown.map((f) => slice(got.md, f)), ['布署']);
  const severities = got.abuse.map((found) => found.map((f) => f.severity));
  assert.deepEqual(severities, [['warning'], ['error']], 'a reply reports abuse as an error');
  return got.found[0].message;
}

async function main() {
  const server = await serve();
  const profile = await mkdtemp(join(tmpdir(), 'sanshen-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewport({ width: 900, height: 600 });
    const url = `http://127.0.0.1:${server.address().port}/demo/index.html`;
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    const loadMs = await page.evaluate(() => window.sanshenDemo.loadMs);
    const pageMs = await page.evaluate(() => performance.now());
    const timeline = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((r) => r.name.endsWith('.wasm')).map((r) => r.responseEnd - r.startTime)[0]);

    // The first check pays for what the linter builds only when first needed.
    const firstMs = await page.evaluate((t) => {
      const started = performance.now();
      window.sanshenDemo.check(t);
      return performance.now() - started;
    }, SENTENCE);

    await page.click('#editor');
    await page.keyboard.type(SENTENCE, { delay: 20 });
    await page.waitForFunction((n) => document.querySelectorAll('#backdrop mark').length === n, { timeout: 10000 }, 2);
    const marked = await page.$$eval('#backdrop mark', (ms) => ms.map((m) => m.textContent));
    assert.deepEqual(marked, ['再接再励', '布署']);
    // Typing is debounced: far fewer checks than keystrokes.
    const checks = Number(await page.$eval('body', (b) => b.dataset.checks));
    assert.ok(checks >= 1 && checks < [...SENTENCE].length, `${checks} checks for one sentence`);

    const message = await checkTheApi(page);
    const marks = await page.$$('#backdrop mark');
    await marks[0].hover();
    await page.waitForSelector('#tip:not([hidden])');
    const tip = await page.$eval('#tip', (t) => t.textContent);
    assert.ok(tip.includes(message), `the tip ${tip} lacks the message ${message}`);
    assert.match(tip, /建议：再接再厉/);
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'browser-demo.png') });

    await marks[1].click();
    await page.waitForFunction(() => document.querySelectorAll('#backdrop mark').length === 1);
    const text = await page.$eval('#editor', (e) => e.value);
    assert.equal(text, '各单位要再接再励，认真部署。');

    const post = (SENTENCE + '这是一段没有问题的正文内容，用来凑足篇幅。').repeat(100).slice(0, 3000);
    const checkMs = await page.evaluate((p) => {
      window.sanshenDemo.check(p);
      const runs = 20;
      const started = performance.now();
      for (let i = 0; i < runs; i++) window.sanshenDemo.check(p);
      return (performance.now() - started) / runs;
    }, post);
    assert.deepEqual(errors, []);
    console.log(`browser test passed; screenshot ${join(artifacts, 'browser-demo.png')}`);
    console.log(`load (fetch + compile + build the linter): ${loadMs.toFixed(1)} ms; page ready at ${pageMs.toFixed(0)} ms`);
    const fetchAndCompile = timeline['sanshen:instantiated'] - timeline['sanshen:init'];
    const build = timeline['sanshen:ready'] - timeline['sanshen:instantiated'];
    console.log(`  of which: fetch + compile + instantiate ${fetchAndCompile.toFixed(1)} ms (the .wasm's fetch alone ${wasm.toFixed(1)} ms), building the linter ${build.toFixed(1)} ms`);
    console.log(`first check after the load (one sentence): ${firstMs.toFixed(1)} ms`);
    console.log(`check of a ${[...post].length}-character post: ${checkMs.toFixed(2)} ms (mean of 20)`);
  } finally {
    await browser.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
