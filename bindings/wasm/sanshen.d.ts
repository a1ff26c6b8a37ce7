/** One finding: the fields of sanshen's JSON record (README, "JSON fields"). */
export interface Finding {
  /** Always "-" here: the text passed in. */
  path: string;
  /** 1-based line and column (in characters) of the start. */
  line: number;
  column: number;
  /** Byte offsets in the UTF-8 text. */
  start: number;
  end: number;
  /** UTF-16 offsets: `text.slice(start_utf16, end_utf16)` is the flagged text. */
  start_utf16: number;
  end_utf16: number;
  family: 'typo' | 'sensitive' | 'leader' | 'format';
  /** The rule id, e.g. "typo/dictionary". */
  rule: string;
  category: string | null;
  severity: 'error' | 'warning' | 'info';
  /** The flagged text. */
  text: string;
  /** What is wrong, in Chinese. */
  message: string;
  /** Replacements, best first; exactly one means it can be fixed automatically. */
  suggestions: string[];
  /** Whether `fix` applies the one suggestion without a person (one suggestion, and not a
   *  leader correction that changes who or which post is named). */
  fixable: boolean;
  /** How a disguised spelling was matched, or null. */
  evasion: { folded: string[]; noise: number } | null;
  /** The dictionary entry, roster row or model behind the finding (README, "JSON fields"). */
  source: Source | null;
}

/** Where a finding comes from: report a false alarm with `file:line`. */
export interface Source {
  kind: 'entry' | 'roster' | 'title' | 'model' | 'rule';
  /** The dictionary file as shipped (`dictionaries/typo/words.tsv`) or the model's data file. */
  file: string | null;
  line: number | null;
  /** The entry's pattern, or `name<TAB>title` for a roster row. */
  entry: string | null;
  note: string | null;
  /** Sentences the entry must flag. */
  examples: string[];
  /** Sentences the entry must leave alone. */
  counterexamples: string[];
  /** Roster rows: the roster's as-of date, YYYY-MM-DD. */
  as_of: string | null;
}

export interface Options {
  /** The day to check as of, YYYY-MM-DD (default: today in Beijing). */
  date?: string;
  /** How the text is marked up (default: plain). */
  format?: 'plain' | 'html' | 'markdown';
  /** A reply to a citizen: abusive language is an error there (default: false, a warning). */
  reply?: boolean;
}

export interface Fixed {
  /** The text with every unambiguous fix applied. */
  text: string;
  /** What was fixed, in offsets of the text passed in. */
  applied: Finding[];
  /** What is left for a person, in offsets of the fixed text. */
  remaining: Finding[];
}

/** Loads the WebAssembly module (by default from beside the glue) and builds the linter. */
export function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Today in Beijing (UTC+8) as YYYY-MM-DD. */
export function beijingDate(now?: Date): string;
export function check(text: string, options?: Options): Finding[];
export function fix(text: string, options?: Options): Fixed;
export function entryCount(): number;
/** Whether the statistical typo model runs: always `false` here (the package leaves it out). */
export function modelIncluded(): boolean;
