// Type-checks an editor's use of the package against sanshen.d.ts (`npm run types`): this file
// must compile, and each line marked @ts-expect-error must be refused by the types.
import { init, check, fix, beijingDate, entryCount, modelIncluded, type Finding, type Fixed } from '../sanshen.js';

export async function underline(text: string): Promise<string[]> {
  await init();
  const found: Finding[] = check(text, { date: beijingDate(), format: 'html' });
  return found.map((f) => {
    const flagged = text.slice(f.start_utf16, f.end_utf16);
    const where = f.source ? `${f.source.file ?? ''}:${f.source.line ?? ''}` : '';
    return `${f.family} ${f.rule} ${f.severity} ${flagged} ${f.suggestions[0] ?? ''} ${where}`;
  });
}

export function replyErrors(text: string): number {
  return check(text, { reply: true }).filter((f) => f.severity === 'error').length;
}

export function fixAll(text: string): [string, number] {
  const fixed: Fixed = fix(text, { format: 'markdown' });
  const extra = modelIncluded() ? 1 : 0;
  return [fixed.text, fixed.applied.length + fixed.remaining.length + entryCount() + extra];
}

// @ts-expect-error: the formats are plain, html and markdown
check('x', { format: 'docx' });
// @ts-expect-error: reply is a boolean
check('x', { reply: 'yes' });
// @ts-expect-error: offsets are numbers
export const offset: string = check('x')[0].start_utf16;
// @ts-expect-error: the severities are error, warning and info
export const severity: Finding['severity'] = 'fatal';
// @ts-expect-error: a fix answers an object, not a string
export const fixedText: string = fix('x');
