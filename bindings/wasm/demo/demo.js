// The demo editor: a transparent textarea over a backdrop that repeats its text with each
// finding wrapped in a <mark>. Marks take the pointer: hovering shows the message and the
// suggestions, clicking applies the first suggestion.
import { init, check, entryCount } from '../sanshen.js';

const editor = document.getElementById('editor');
const backdrop = document.getElementById('backdrop');
const tip = document.getElementById('tip');
const status = document.getElementById('status');
const DEBOUNCE_MS = 150;

let findings = [];
let timer = null;

function escape(s) {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** The backdrop's HTML: the text with findings marked (overlapping ones are skipped). */
function render(text) {
  let html = '';
  let at = 0;
  findings.forEach((f, i) => {
    if (f.start_utf16 < at) return;
    html += escape(text.slice(at, f.start_utf16));
    html += `<mark class="${f.severity}" data-i="${i}">${escape(text.slice(f.start_utf16, f.end_utf16))}</mark>`;
    at = f.end_utf16;
  });
  // A trailing newline needs a character after it to take up a line, as in the textarea.
  return html + escape(text.slice(at)) + '\u200b';
}

function recheck() {
  const text = editor.value;
  const started = performance.now();
  findings = check(text);
  const took = performance.now() - started;
  backdrop.innerHTML = render(text);
  backdrop.scrollTop = editor.scrollTop;
  status.textContent = `${findings.length} 处问题 · 检查用时 ${took.toFixed(1)} 毫秒`;
  document.body.dataset.checks = String(Number(document.body.dataset.checks || 0) + 1);
}

function showTip(mark) {
  const f = findings[Number(mark.dataset.i)];
  const suggestions = f.suggestions.length
    ? `<div>建议：<span class="fix">${f.suggestions.map(escape).join('、')}</span>（点击改为第一项）</div>`
    : '';
  tip.innerHTML = `<div>${escape(f.message)}</div>${suggestions}`;
  const box = mark.getBoundingClientRect();
  tip.style.left = `${box.left + window.scrollX}px`;
  tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  tip.hidden = false;
}

function applyFix(mark) {
  const f = findings[Number(mark.dataset.i)];
  if (!f.suggestions.length) return;
  const text = editor.value;
  editor.value = text.slice(0, f.start_utf16) + f.suggestions[0] + text.slice(f.end_utf16);
  const caret = f.start_utf16 + f.suggestions[0].length;
  editor.setSelectionRange(caret, caret);
  tip.hidden = true;
  recheck();
  editor.focus();
}

editor.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(recheck, DEBOUNCE_MS);
});
editor.addEventListener('scroll', () => { backdrop.scrollTop = editor.scrollTop; });
backdrop.addEventListener('mouseover', (e) => { if (e.target.tagName === 'MARK') showTip(e.target); });
backdrop.addEventListener('mouseout', (e) => { if (e.target.tagName === 'MARK') tip.hidden = true; });
backdrop.addEventListener('click', (e) => { if (e.target.tagName === 'MARK') applyFix(e.target); });

const started = performance.now();
await init();
const loadMs = performance.now() - started;
status.textContent = `已加载 ${entryCount()} 条词条（${loadMs.toFixed(0)} 毫秒）`;
window.sanshenDemo = { loadMs, check };
document.body.dataset.ready = 'true';
