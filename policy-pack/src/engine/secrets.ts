/**
 * Credential detectors, shared by the embedded-secret rule and by every message we print. They are
 * the second line: values secret by origin (secret envelopes, sensitive marks, credential fields;
 * secret-values.ts) are masked first, and what still looks like a credential is redacted after,
 * whatever field it came from.
 */
import { nameWordMarks } from "./name-words";
import { registeredSecretSpans, registryVersion } from "./secret-values";
export interface SecretDetector {
  readonly kind: string;
  readonly pattern: RegExp;
  /** What may be shown: the well-known prefix only. */
  readonly prefix: (match: string) => string;
  /**
   * How redaction treats it beyond the pattern (default "key"): "key" — a distinctive prefix, also
   * found glued to other key characters and across whitespace a name may split it with; "exact" —
   * matched as written only (its own boundaries, or its match carries text that must stay shown).
   */
  readonly redaction?: "key" | "exact";
}

const fixed = (p: string) => () => p;

/** Words that label a credential; shared by the labelled-value detector and the embedded-secret rule. */
export const CREDENTIAL_WORD = "api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|credential|private[_-]?key|access[_-]?key|auth|client[_-]?secret";
const LABELLED_CREDENTIAL = new RegExp(
  `(?<![A-Za-z0-9])[A-Za-z0-9_-]{0,40}?(?:${CREDENTIAL_WORD})[A-Za-z0-9_-]{0,40}["'\`]?\\s{0,3}[:=]\\s{0,3}["'\`]?(?:[0-9a-f]{32,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})`,
  "gi",
);

/** Ordered: more specific first (Anthropic before the generic `sk-`). */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  { kind: "AWS access key ID", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, prefix: (m) => `${m.slice(0, 4)}****` },
  { kind: "Amazon Bedrock API key", pattern: /\bABSK[A-Za-z0-9+/=]{20,}/g, prefix: fixed("ABSK****") },
  { kind: "Anthropic API key", pattern: /\bsk-ant-[A-Za-z0-9_-]{10,}/g, prefix: fixed("sk-ant-****") },
  { kind: "OpenAI API key", pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{10,}/g, prefix: (m) => `${m.slice(0, m.indexOf("-", 3) + 1)}****` },
  { kind: "OpenAI-style API key", pattern: /\bsk-[A-Za-z0-9_-]{20,}/g, prefix: fixed("sk-****") },
  { kind: "Hugging Face token", pattern: /\bhf_[A-Za-z0-9]{20,}/g, prefix: fixed("hf_****") },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, prefix: fixed("AIza****") },
  { kind: "GitHub token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, prefix: (m) => `${m.startsWith("github_pat_") ? "github_pat_" : m.slice(0, 4)}****` },
  { kind: "GitLab token", pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, prefix: fixed("glpat-****") },
  { kind: "Slack token", pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, prefix: fixed("xox****") },
  { kind: "Pulumi access token", pattern: /\bpul-[a-f0-9]{40}\b/g, prefix: fixed("pul-****") },
  // Microsoft Entra (Azure AD) client secrets: 40 characters with `Q~` after a 3-character id and a digit.
  { kind: "Azure client secret", pattern: /[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}/g, prefix: fixed("****Q~****") },
  { kind: "password in a URL", pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:@/"'<>]{0,256}:[^\s@/"'<>]{1,256}@/g, prefix: (m) => `${m.slice(0, m.indexOf(":", m.indexOf("://") + 3))}:****@`, redaction: "exact" },
  // Hexadecimal and UUID-shaped keys look like digests and IDs; they count only behind a credential label (`API_TOKEN=…`).
  { kind: "credential after a credential label", pattern: LABELLED_CREDENTIAL, prefix: (m) => m.replace(/(?:[0-9a-f]{32,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, "****"), redaction: "exact" },
  { kind: "private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, prefix: fixed("-----BEGIN PRIVATE KEY-----****"), redaction: "exact" },
];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORD = /^(?:[a-z0-9]{1,16}|[A-Z0-9]{1,16}|[A-Z][a-z0-9]{1,15})$/;

/**
 * Names people write (`github-actions-deploy-role-for-production-42`, `SUPPORT_BOT_OPENAI_KEY_ARN`):
 * three or more short single-case words joined by `-` or `_`. Their character entropy is high, but
 * they are not random; keys are one long mixed run (or carry a detector's prefix). UUIDs stay random.
 */
export function looksLikeIdentifier(token: string): boolean {
  if (UUID.test(token)) return false;
  const words = token.split(/[-_]/).filter((w) => w !== "");
  // Runs of one-letter words (`t_h_v_k`) are mangled text, not a name someone wrote.
  const singles = words.filter((w) => w.length === 1 && !/[0-9]/.test(w)).length;
  return words.length >= 3 && singles <= 1 && words.every((w) => WORD.test(w));
}

/** Words of a name: acronyms (`SSM`, `EC`), capitalised or lower-case words, single capitals, digit runs. */
const NAME_WORDS = /[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|[0-9]+/g;

/**
 * Consonant clusters English words start and end with (one consonant always may). A cluster between
 * two vowels is the end of one syllable and the start of the next (`nstr` = `n` + `str`).
 */
const ONSETS = new Set("bl br ch cl cr dr dw fl fr gh gl gn gr kl kn kr ph pl pn pr ps rh sc sh sk sl sm sn sp st sw th tr ts tw wh wr sch scr shr sph spl spr str thr chr phr".split(" "));
const CODAS = new Set("ck ct ft ld lf lk ll lm ln lp lt lv mb mp nc nd ng nk nt nx ph pt rb rc rd rf rg rk rl rm rn rp rs rt rv sh sk sp ss st th xt ff ch tch ght nch rch lth nth pth rld rst mpt nct ngth rth lch gh gn mn sm sc thm dth bb cc dd gg mm nn pp rr tt zz".split(" "));
const isOnset = (c: string) => c.length <= 1 || ONSETS.has(c);
/** A plural or third-person `s` may follow any coda (`Permissions`, `Prompts`, `Results`). */
const isCoda = (c: string) => c.length <= 1 || CODAS.has(c) || (c.endsWith("s") && (c.length === 2 || CODAS.has(c.slice(0, -1))));
function syllables(w: string): boolean {
  // `w` after a vowel is part of it (`Down`, `Allowed`, `Flows`).
  const clusters = w.toLowerCase().split(/[aeiouy]+w?/);
  if (clusters.length === 1) return false;
  if (!isOnset(clusters[0]) || !isCoda(clusters[clusters.length - 1])) return false;
  for (const c of clusters.slice(1, -1)) {
    let ok = false;
    for (let k = 0; k <= c.length && !ok; k++) ok = isCoda(c.slice(0, k)) && isOnset(c.slice(k));
    if (!ok) return false;
  }
  return true;
}

/**
 * A run of letters someone can say: a vowel (or y) in every five letters, and consonant clusters
 * that English syllables have. Random letters split on case changes read as words now and then
 * (`Mfcpy`, `Nswzu`); their clusters give them away.
 */
function pronounceable(w: string): boolean {
  return w.replace(/[^aeiouy]/gi, "").length * 5 >= w.length && !/[^aeiouy]{5}/i.test(w) && (w.length < 5 || syllables(w) || (/^[A-Z]/.test(w) && syllables(w.slice(1))));
}

/**
 * One part of a name in PascalCase, camelCase or lower case (`AmazonSSMManagedEC2InstanceDefaultPolicy`,
 * `InvokeEndpointWithResponseStream`, `service`): most letters are in pronounceable words, the rest are
 * short acronyms and small numbers. Random text split on case changes falls apart into consonant
 * clusters and one-letter pieces.
 */
function isNameSegment(segment: string): boolean {
  let letters = 0;
  let strong = 0;
  let weak = 0;
  let words = 0;
  let long = 0;
  for (const w of segment.match(NAME_WORDS) ?? []) {
    words++;
    if (/^[0-9]+$/.test(w)) {
      if (w.length > 4) return false;
      weak++;
      continue;
    }
    letters += w.length;
    if (w.length >= 3 && /^[A-Z]?[a-z]+$/.test(w) && pronounceable(w)) {
      strong += w.length;
      if (w.length >= 5) long++;
    }
    else if (/^[A-Z]{2,6}$/.test(w) || /^[a-z]{2,4}$/.test(w) || /^[A-Z][a-z]$/.test(w) || w.length === 1) weak++;
    else return false;
  }
  return letters > 0 && strong / letters >= 0.7 && weak <= Math.max(3, words * 0.5) && (long >= Math.floor(segment.length / 12) || segment.length <= 4) && (long > 0 || segment.length <= 4);
}

/** Longest random-looking part a name may carry: generated suffixes (`-1MQA9LRW72P1P`) are shorter than keys. */
const MAX_NAME_NOISE = 16;

/**
 * Names people and tools write: AWS-managed policy names, action names, role names with a
 * CloudFormation suffix, ARN paths, Terraform addresses. Separator-joined parts that are words, plus
 * at most `MAX_NAME_NOISE` characters of generated noise in all; hexadecimal or numeric parts are IDs
 * and digests (a hex credential is recognised only where its context says so).
 */
export function looksLikeName(token: string): boolean {
  let named = 0;
  let cased = 0;
  let noise = 0;
  const parts = token.match(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g) ?? [];
  for (let i = 0; i < parts.length; i++) {
    const segment = parts[i];
    if (!/^[A-Za-z0-9]/.test(segment)) {
      if (/[^-_/.+=,@:]/.test(segment)) return false;
      continue;
    }
    // Lower-case runs carry no case boundaries to judge by (a lower-cased key reads like one): short words only.
    const lowerOnly = !/[A-Z]/.test(segment);
    if (isNameSegment(segment) && (!lowerOnly || segment.length <= 8)) {
      named += segment.length;
      if (!lowerOnly) cased++;
    }
    else if (!/^[0-9a-f]+$/.test(segment) && !/^[0-9A-F]+$/.test(segment)) {
      if (segment.length >= MAX_NAME_NOISE) return false;
      if (!generatedSuffix(segment, parts[i - 1] ?? "", parts[i + 1] ?? "")) return false;
      noise += segment.length;
    }
  }
  return cased > 0 && noise < 2 * MAX_NAME_NOISE && named >= noise;
}

/**
 * Noise a name may carry: a generated suffix joined to it with `-`, `_` or `.` (CloudFormation,
 * eksctl, Secrets Manager), a short or lower-case path part (`v1`, `invocations`). A mixed run
 * between a base64 key's own `/` and `+` is the key itself (`prod_NXKPH/raa01bnUQ/j+ALXE…`).
 */
function generatedSuffix(segment: string, before: string, after: string): boolean {
  if (before.includes("+") || after.includes("+")) return false;
  if (/[-_.]/.test(before + after)) return true;
  return segment.length < 5 || !/[A-Z0-9]/.test(segment);
}

const VOWEL = /[aeiou]/i;

/**
 * Random text of one case (a key after a rule upper- or lower-cased it) has a little less entropy
 * than mixed case, but few vowels: about one letter in five, against one in three in names.
 */
function fewVowels(letters: number, vowels: number): boolean {
  return letters >= 20 && vowels / letters < 0.25;
}

/** A token that looks random enough to be a key (mixed classes, long, high entropy). */
export function looksRandom(token: string, minLength = 32, minEntropy = 4.0): boolean {
  if (token.length < minLength) return false;
  if (looksLikeIdentifier(token) || looksLikeName(token)) return false;
  const letters = token.replace(/[^A-Za-z]/g, "");
  const vowels = letters.replace(/[^aeiouAEIOU]/g, "").length;
  const classesSeen = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  if (classesSeen >= 2 && entropy(token) >= Math.min(minEntropy, 3.5) && fewVowels(letters.length, vowels)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  if (classes >= 2 && entropy(token) >= minEntropy) return true;
  // One case and digits (a key a rule lower- or upper-cased): no case boundaries tell words apart, so
  // catalog words must cover the letters of a name. Names people write join their words with `-` or
  // `_` (words the catalog lacks: `robert-consulting`), which a base64 key never holds; hex digits
  // are IDs and digests, as everywhere.
  const oneCase = !/[a-z]/.test(token) || !/[A-Z]/.test(token);
  return oneCase && classesSeen >= 2 && !/[-_]/.test(token) && letters.length >= 20 && /[g-z]/i.test(letters) && entropy(token) >= Math.min(minEntropy, 3.5) && fewNameWords(nameWordMarks(token), 0, token.length, letters.length);
}

/** Below this share of letters in catalog words, a text of one case is not a name (random keys: a fifth at most, names: a third and more). */
const NAME_WORD_SHARE = 0.25;

function fewNameWords(marks: Uint8Array, start: number, end: number, letters: number): boolean {
  let covered = 0;
  for (let i = start; i < end; i++) covered += marks[i];
  return covered < NAME_WORD_SHARE * letters;
}

/** Runs of `[A-Za-z0-9+/=_-]` this long are judged by their entropy. */
const TOKEN_MIN = 32;

/**
 * `text.replace(/[A-Za-z0-9+/=_-]{32,}/g, fn)` in one pass: the regular expression restarts at every
 * character of a shorter run, which made it the costliest step of redacting ordinary messages.
 */
function replaceKeyRuns(text: string, min: number, fn: (run: string) => string): string {
  let out: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    if (!isKeyCharCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && isKeyCharCode(text.charCodeAt(j))) j++;
    if (j - i >= min) {
      const run = text.slice(i, j);
      const replaced = fn(run);
      if (replaced !== run) {
        (out ??= []).push(text.slice(copied, i), replaced);
        copied = j;
      }
    }
    i = j;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join("");
}
const KEY_CHAR = /[A-Za-z0-9+/=]/;

/**
 * Redaction is looser than detection (it may over-mask, never under-mask): a key glued to `_` or to
 * following text (`openai_sk-proj-…`, `AKIA…suffix`) has no word boundary, and rules that compare
 * case-insensitively echo values lower-cased (`akia…`). Every detector's leading `\b` becomes "no
 * letter or digit before", trailing ones are dropped, and matching ignores case; lower-case AWS key
 * IDs must contain a digit so words such as "asiapacificproduction" stay readable.
 */
interface Redaction {
  readonly pattern: RegExp;
  /** A cheap necessary condition: when false, the pattern cannot match and is not run. */
  readonly mayMatch?: (text: string) => boolean;
  readonly prefix: (match: string) => string;
  /** Also masks the key characters glued in front of a match, and finds the key split by whitespace. */
  readonly loose: boolean;
  /** The run of key characters a match sits in is judged whole by the entropy stage (the match may be inside a longer key). */
  readonly inRun: boolean;
}

/** Every label alternative of the labelled-credential pattern holds one of these (case-insensitive). */
export const CREDENTIAL_LABEL_HINT = /key|secret|token|pass|pwd|credential|auth/i;

/** A run of at least `n` hexadecimal digits (a labelled credential holds 32, or a UUID's first 8). */
function hasHexRun(text: string, n: number): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) {
      if (++run >= n) return true;
    } else run = 0;
  }
  return false;
}

/** Necessary conditions of the exact detectors' patterns (both are costly to run on every message). */
const EXACT_GATES: Readonly<Record<string, (text: string) => boolean>> = {
  "password in a URL": (t) => t.includes("://"),
  // A label word, a `:` or `=`, and at least a UUID's first group of hex digits: an ARN (account digits,
  // colons) passes the hex test alone, so the label words are asked for too.
  "credential after a credential label": (t) => (t.includes(":") || t.includes("=")) && CREDENTIAL_LABEL_HINT.test(t) && hasHexRun(t, 8),
};

const REDACTIONS: ReadonlyArray<Redaction> = SECRET_DETECTORS.flatMap((d): Redaction[] => {
  if (d.redaction === "exact") return [{ pattern: new RegExp(d.pattern.source, d.pattern.flags.includes("i") ? d.pattern.flags : `${d.pattern.flags}i`), prefix: d.prefix, loose: false, inRun: false, mayMatch: EXACT_GATES[d.kind] }];
  const loose = d.pattern.source.replace(/^\\b/, "(?<![A-Za-z0-9])").replace(/\\b/g, "");
  if (d.kind === "AWS access key ID") {
    return [
      // Upper-case key IDs glued to any text (`appASIA…`, `rEtRiEvEACCA…`) have no boundary either: the
      // four-letter prefix and sixteen upper-case characters are matched wherever they are.
      { pattern: new RegExp(d.pattern.source.replace(/\\b/g, ""), "g"), prefix: d.prefix, loose: true, inRun: true },
      { pattern: /(?<![A-Za-z0-9])(?:akia|asia|abia|acca)(?=[a-z0-9]{0,15}[0-9])[a-z0-9]{16}/gi, prefix: d.prefix, loose: false, inRun: true },
    ];
  }
  // Distinctive prefixes (`glpat-`, `ghp_`, `sk-proj-`, `hf_`, `AIza`, …) are redacted wherever they
  // start, even glued to a name (`appglpat-…`); only the generic `sk-` keeps its boundary, so words such
  // as `task-definition-…` stay readable (a glued generic key is still caught by the entropy check).
  const source = d.kind === "OpenAI-style API key" ? loose : d.pattern.source.replace(/\\b/g, "");
  return [{ pattern: new RegExp(source, `${d.pattern.flags.replace("i", "")}i`), prefix: d.prefix, loose: true, inRun: true }];
});

/** What `\s` matches in a JavaScript regular expression, by code unit. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** `[A-Za-z0-9+/=_-]`, by code unit. */
function isKeyCharCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45;
}

/**
 * `text` without the short whitespace runs (one or two characters) that sit between key characters,
 * and where each kept character came from: a key split by a space or a newline (`sk-proj-AbC dEf…`)
 * is whole again here.
 */
function squeezeWhitespace(text: string): { squeezed: string; origin: Int32Array } | undefined {
  if (!/[A-Za-z0-9+/=_-]\s{1,2}[A-Za-z0-9+/=_-]/.test(text)) return undefined;
  const origin = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let kept = 0; // start of the text not yet copied
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text.charCodeAt(i))) {
      origin[n++] = i;
      continue;
    }
    let j = i;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (j - i <= 2 && i > 0 && j < text.length && isKeyCharCode(text.charCodeAt(i - 1)) && isKeyCharCode(text.charCodeAt(j))) {
      parts.push(text.slice(kept, i));
      kept = j;
    } else {
      for (let k = i; k < j; k++) origin[n++] = k;
    }
    i = j - 1;
  }
  parts.push(text.slice(kept));
  return { squeezed: parts.join(""), origin };
}

/**
 * Every loose detector's match holds one of these literals (its distinctive prefix; Azure's `Q~`),
 * and redaction matches ignore case: a text without any of them matches no loose detector, squeezed
 * or not. Saves most detector scans of ordinary messages (a test checks every detector's samples).
 */
export const LOOSE_DETECTOR_HINT = /akia|asia|abia|acca|absk|(?<![a-z0-9])sk-|sk-(?:ant|proj|svcacct|admin)-|hf_|aiza|gh[pousr]_|github_pat_|glpat-|xox[abprs]-|pul-|q~/i;

/** The text `squeezeWhitespace` builds, without the position map: enough to test the hint. */
const SHORT_SPLIT = /(?<=[A-Za-z0-9+/=_-])\s{1,2}(?=[A-Za-z0-9+/=_-])/g;

/** AWS secret access keys: 40 characters; a window this wide finds one glued to low-entropy text (`aaaa…/<key>`). */
const WINDOW = 40;
const CLASS = (c: number) => (c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3);

/** Where `token` has 40-character windows that look random, as merged [start, end) ranges; O(length) with rolling counts. */
function randomWindows(token: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (token.length <= WINDOW) return ranges;
  const counts = new Map<number, number>();
  const classes = [0, 0, 0, 0];
  let vowels = 0;
  let beyondHex = 0; // letters outside a-f
  let joiners = 0; // `-` and `_`
  let covered: Int32Array | undefined; // prefix sums of nameWordMarks(token), computed when a window needs them
  let sumClogC = 0; // Σ c·log2 c over the window's character counts
  const add = (code: number, d: 1 | -1) => {
    const c = counts.get(code) ?? 0;
    if (c > 0) sumClogC -= c * Math.log2(c);
    const n = c + d;
    if (n > 0) sumClogC += n * Math.log2(n);
    counts.set(code, n);
    classes[CLASS(code)] += d;
    if (VOWEL.test(String.fromCharCode(code))) vowels += d;
    if ((code | 0x20) >= 103 && (code | 0x20) <= 122) beyondHex += d;
    else if (code === 45 || code === 95) joiners += d;
  };
  const coveredIn = (start: number, end: number) => {
    if (!covered) {
      const marks = nameWordMarks(token);
      covered = new Int32Array(token.length + 1);
      for (let k = 0; k < token.length; k++) covered[k + 1] = covered[k] + marks[k];
    }
    return covered[end] - covered[start];
  };
  for (let i = 0; i < token.length; i++) {
    add(token.charCodeAt(i), 1);
    if (i >= WINDOW) add(token.charCodeAt(i - WINDOW), -1);
    if (i < WINDOW - 1) continue;
    const h = Math.log2(WINDOW) - sumClogC / WINDOW;
    const kinds = (classes[0] > 0 ? 1 : 0) + (classes[1] > 0 ? 1 : 0) + (classes[2] > 0 ? 1 : 0);
    const letters = classes[0] + classes[1];
    const oneCase = classes[0] === 0 || classes[1] === 0;
    if (kinds >= 2 && (h >= 4.0 || (h >= 3.5 && (fewVowels(letters, vowels) || (oneCase && joiners === 0 && letters >= 20 && beyondHex > 0 && coveredIn(i - WINDOW + 1, i + 1) < NAME_WORD_SHARE * letters))))) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] >= i - WINDOW + 1) last[1] = i + 1;
      else ranges.push([i - WINDOW + 1, i + 1]);
    }
  }
  return ranges;
}

/** The parts of a run of key characters that look random: all of it, some 40-character windows, or none (names, identifiers). */
function randomParts(token: string): Array<[number, number]> {
  if (looksLikeIdentifier(token) || looksLikeName(token)) return [];
  return looksRandom(token) ? [[0, token.length]] : randomWindows(token);
}

function maskRandomParts(token: string): string {
  let out = "";
  let at = 0;
  for (const [start, end] of randomParts(token)) {
    out += `${token.slice(at, start)}****`;
    at = end;
  }
  return at === 0 ? token : out + token.slice(at);
}

/**
 * Replaces anything that looks like a credential with its well-known prefix and `****`. Every
 * detector runs on the original text and overlapping matches are merged, so one detector's
 * replacement can never hide the rest of a longer key from another (`AIza…-hf_…`).
 */
export function redact(input: string): string {
  // Reports echo the same URNs, names and types once per finding: answer repeats from a memo that
  // holds only while no new value is registered as secret (a later one must be masked too).
  if (input.length > MEMO_MAX_TEXT) return redactUncached(input);
  const v = registryVersion();
  if (v !== memoAt || memo.size >= MEMO_ENTRIES) {
    memo.clear();
    memoAt = v;
  }
  let out = memo.get(input);
  if (out === undefined) memo.set(input, (out = redactUncached(input)));
  return out;
}

const memo = new Map<string, string>();
const MEMO_ENTRIES = 50_000;
const MEMO_MAX_TEXT = 1024;
let memoAt = -1;

function redactUncached(input: string): string {
  const text = input;
  // Values secret by origin and detector matches are found on the same original text and merged:
  // masking one first could hide the context the other needs (a registered `API_TOKEN` label).
  const spans: Array<{ start: number; end: number; prefix: string }> = registeredSecretSpans(text).map((s) => ({ start: s.start, end: s.end, prefix: s.label }));
  // Start of the run of key characters ending at each position (and end of the one starting there),
  // computed once: walking from every match made a text of many `AKIA…/` runs quadratic.
  let runStart: Int32Array | undefined;
  let runEnd: Int32Array | undefined;
  const runStartAt = (i: number) => {
    if (!runStart) {
      runStart = new Int32Array(text.length + 1);
      for (let k = 1; k <= text.length; k++) runStart[k] = KEY_CHAR.test(text[k - 1]) ? runStart[k - 1] : k;
    }
    return runStart[i];
  };
  const runEndAt = (i: number) => {
    if (!runEnd) {
      runEnd = new Int32Array(text.length + 1);
      runEnd[text.length] = text.length;
      for (let k = text.length - 1; k >= 0; k--) runEnd[k] = KEY_CHAR.test(text[k]) ? runEnd[k + 1] : k;
    }
    return runEnd[i];
  };
  const judgedRuns = new Set<number>();
  /**
   * Judges whole, on the original text, the run of key characters around [start, end) when the span
   * is only part of it: masking the span alone would leave the rest in pieces too short for the
   * entropy stage. Each run once: a long run of many keys (`AKIA…/AKIA…/…`) stays linear.
   */
  const judgeRunAround = (start: number, end: number) => {
    const from = runStartAt(start);
    const to = runEndAt(end);
    if ((from < start || to > end) && !judgedRuns.has(from)) {
      judgedRuns.add(from);
      for (const [a, b] of randomParts(text.slice(from, to))) spans.push({ start: from + a, end: from + b, prefix: "****" });
    }
  };
  // A registered value inside a longer run (a secret fragment inside an AWS secret key).
  const registered = spans.length;
  for (let i = 0; i < registered; i++) judgeRunAround(spans[i].start, spans[i].end);
  const looseMayMatch = LOOSE_DETECTOR_HINT.test(text);
  for (const d of REDACTIONS) {
    if ((d.loose && !looseMayMatch) || (d.mayMatch && !d.mayMatch(text))) continue;
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(text); m; m = d.pattern.exec(text)) {
      if (m[0].length === 0) {
        d.pattern.lastIndex++;
        continue;
      }
      // A match glued to the end of other key characters (`…m3AbSK…` inside a random run) may be
      // the tail of a longer secret: mask the whole run in front of it too.
      const start = d.loose ? runStartAt(m.index) : m.index;
      const end = m.index + m[0].length;
      spans.push({ start, end, prefix: d.prefix(m[0]) });
      // A match with key characters glued after it (`ACCaCPt98WnzZFmRmgfU` read case-insensitively at
      // the start of a 40-character secret key) would leave the rest in pieces too short to judge.
      // (From the run's own start: only the characters after the match make it be judged.)
      if (d.inRun) judgeRunAround(runStartAt(m.index), end);
    }
  }
  const split = LOOSE_DETECTOR_HINT.test(text.replace(SHORT_SPLIT, "")) ? squeezeWhitespace(text) : undefined;
  if (split) {
    for (const d of REDACTIONS) {
      if (!d.loose) continue;
      d.pattern.lastIndex = 0;
      for (let m = d.pattern.exec(split.squeezed); m; m = d.pattern.exec(split.squeezed)) {
        if (m[0].length === 0) {
          d.pattern.lastIndex++;
          continue;
        }
        const start = split.origin[m.index];
        const end = split.origin[m.index + m[0].length - 1] + 1;
        // Only matches that the whitespace had hidden (the rest were found above), with the run in front as above.
        if (end - start > m[0].length) spans.push({ start: runStartAt(start), end, prefix: d.prefix(m[0]) });
      }
    }
  }
  let out = text;
  if (spans.length > 0) {
    spans.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged: typeof spans = [];
    for (const sp of spans) {
      const last = merged[merged.length - 1];
      if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
      else merged.push({ ...sp });
    }
    out = "";
    let at = 0;
    for (const sp of merged) {
      out += text.slice(at, sp.start) + sp.prefix;
      at = sp.end;
    }
    out += text.slice(at);
  }
  return replaceKeyRuns(out, TOKEN_MIN, maskRandomParts);
}

/**
 * A part cut out of a value (the policy name after an ARN's last `/`, the owner of a subject), as it
 * may be shown: the part when the whole value is clean, else the whole value redacted. A cut can
 * shorten a key below what the detectors recognise; judging the whole keeps it out of messages.
 */
export function shownPart(whole: string, part: string): string {
  const clean = redact(whole);
  return clean === whole ? part : clean;
}

/*
 * Texts built only from redacted parts and the rules' own words (formatted findings) are vouched
 * for, so the last line of defence on the way out (`redactOnce`) does not scan them a second time:
 * on a 10,000-resource stack that second scan of every message cost more than judging the stack.
 * A vouch holds only while no value is registered as secret after it.
 */
const vouched = new Set<string>();
const VOUCHED_LIMIT = 20_000;
let vouchedAt = -1;

/** Records that `text` is already redacted (every input part went through `redact`). Returns it. */
export function vouchRedacted(text: string): string {
  const v = registryVersion();
  if (v !== vouchedAt || vouched.size >= VOUCHED_LIMIT) {
    vouched.clear();
    vouchedAt = v;
  }
  vouched.add(text);
  return text;
}

/** `redact(text)`, except for a text vouched for since the last registration. */
export function redactOnce(text: string): string {
  return vouchedAt === registryVersion() && vouched.has(text) ? text : redact(text);
}

const GATED: ReadonlyArray<{ kind: string; gate: (text: string) => boolean }> = Object.entries(EXACT_GATES).map(([kind, gate]) => ({ kind, gate }));
const detectorsByGates = new Map<number, readonly SecretDetector[]>();

/**
 * The detectors that can match `text`, in their order: a loose detector only when its literal is
 * there, an exact one only when its necessary condition holds. Saves scanning every string of a stack
 * with every detector.
 */
export function detectorsFor(text: string): readonly SecretDetector[] {
  // Which gates pass, as bits (loose literal first, then each gated exact detector): one shared list per answer.
  let bits = LOOSE_DETECTOR_HINT.test(text) ? 1 : 0;
  for (let i = 0; i < GATED.length; i++) if (GATED[i].gate(text)) bits |= 2 << i;
  let hit = detectorsByGates.get(bits);
  if (!hit) {
    hit = Object.freeze(SECRET_DETECTORS.filter((d) => {
      if (d.redaction !== "exact") return (bits & 1) !== 0;
      const i = GATED.findIndex((g) => g.kind === d.kind);
      return i < 0 || (bits & (2 << i)) !== 0;
    }));
    detectorsByGates.set(bits, hit);
  }
  return hit;
}

