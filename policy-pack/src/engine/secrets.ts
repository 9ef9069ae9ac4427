/**
 * Credential detectors, shared by the embedded-secret rule and by every message we print: the pack
 * cannot see which inputs were marked secret (the engine strips the marker), so anything that looks
 * like a credential is redacted before it leaves the engine, whatever field it came from.
 */
export interface SecretDetector {
  readonly kind: string;
  readonly pattern: RegExp;
  /** What may be shown: the well-known prefix only. */
  readonly prefix: (match: string) => string;
}

const fixed = (p: string) => () => p;

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
  { kind: "private key", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, prefix: fixed("-----BEGIN PRIVATE KEY-----****") },
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
  if (looksLikeIdentifier(token)) return false;
  const letters = token.replace(/[^A-Za-z]/g, "");
  const vowels = letters.replace(/[^aeiouAEIOU]/g, "").length;
  const classesSeen = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  if (classesSeen >= 2 && entropy(token) >= Math.min(minEntropy, 3.5) && fewVowels(letters.length, vowels)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  return classes >= 2 && entropy(token) >= minEntropy;
}

const TOKEN = /[A-Za-z0-9+/=_-]{32,}/g;
const KEY_CHAR = /[A-Za-z0-9+/=]/;

/**
 * Redaction is looser than detection (it may over-mask, never under-mask): a key glued to `_` or to
 * following text (`openai_sk-proj-…`, `AKIA…suffix`) has no word boundary, and rules that compare
 * case-insensitively echo values lower-cased (`akia…`). Every detector's leading `\b` becomes "no
 * letter or digit before", trailing ones are dropped, and matching ignores case; lower-case AWS key
 * IDs must contain a digit so words such as "asiapacificproduction" stay readable.
 */
const REDACTIONS: ReadonlyArray<{ readonly pattern: RegExp; readonly prefix: (match: string) => string }> = SECRET_DETECTORS.flatMap((d) => {
  const loose = d.pattern.source.replace(/^\\b/, "(?<![A-Za-z0-9])").replace(/\\b/g, "");
  if (d.kind === "AWS access key ID") {
    return [
      // Upper-case key IDs glued to lower-case text (`appASIA…`) have no boundary either.
      { pattern: new RegExp(d.pattern.source.replace(/^\\b/, "(?<![A-Z0-9])").replace(/\\b/g, ""), "g"), prefix: d.prefix },
      { pattern: /(?<![A-Za-z0-9])(?:akia|asia|abia|acca)(?=[a-z0-9]{0,15}[0-9])[a-z0-9]{16}/gi, prefix: d.prefix },
    ];
  }
  // Distinctive prefixes (`glpat-`, `ghp_`, `sk-proj-`, `hf_`, `AIza`, …) are redacted wherever they
  // start, even glued to a name (`appglpat-…`); only the generic `sk-` keeps its boundary, so words such
  // as `task-definition-…` stay readable (a glued generic key is still caught by the entropy check).
  const source = d.kind === "OpenAI-style API key" ? loose : d.pattern.source.replace(/\\b/g, "");
  return [{ pattern: new RegExp(source, `${d.pattern.flags.replace("i", "")}i`), prefix: d.prefix }];
});

/** AWS secret access keys: 40 characters; a window this wide finds one glued to low-entropy text (`aaaa…/<key>`). */
const WINDOW = 40;
const CLASS = (c: number) => (c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3);

/** Masks every 40-character window of `token` that looks random; O(length) with rolling counts. */
function maskRandomWindows(token: string): string {
  if (token.length <= WINDOW) return token;
  const counts = new Map<number, number>();
  const classes = [0, 0, 0, 0];
  let vowels = 0;
  let sumClogC = 0; // Σ c·log2 c over the window's character counts
  const add = (code: number, d: 1 | -1) => {
    const c = counts.get(code) ?? 0;
    if (c > 0) sumClogC -= c * Math.log2(c);
    const n = c + d;
    if (n > 0) sumClogC += n * Math.log2(n);
    counts.set(code, n);
    classes[CLASS(code)] += d;
    if (VOWEL.test(String.fromCharCode(code))) vowels += d;
  };
  const masked = new Uint8Array(token.length);
  let any = false;
  for (let i = 0; i < token.length; i++) {
    add(token.charCodeAt(i), 1);
    if (i >= WINDOW) add(token.charCodeAt(i - WINDOW), -1);
    if (i < WINDOW - 1) continue;
    const h = Math.log2(WINDOW) - sumClogC / WINDOW;
    const kinds = (classes[0] > 0 ? 1 : 0) + (classes[1] > 0 ? 1 : 0) + (classes[2] > 0 ? 1 : 0);
    const letters = classes[0] + classes[1];
    if (kinds >= 2 && (h >= 4.0 || (h >= 3.5 && fewVowels(letters, vowels)))) {
      masked.fill(1, i - WINDOW + 1, i + 1);
      any = true;
    }
  }
  if (!any) return token;
  let out = "";
  for (let i = 0; i < token.length; i++) {
    if (!masked[i]) out += token[i];
    else if (i === 0 || !masked[i - 1]) out += "****";
  }
  return out;
}

/**
 * Replaces anything that looks like a credential with its well-known prefix and `****`. Every
 * detector runs on the original text and overlapping matches are merged, so one detector's
 * replacement can never hide the rest of a longer key from another (`AIza…-hf_…`).
 */
export function redact(text: string): string {
  const spans: Array<{ start: number; end: number; prefix: string }> = [];
  for (const d of REDACTIONS) {
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(text); m; m = d.pattern.exec(text)) {
      if (m[0].length === 0) {
        d.pattern.lastIndex++;
        continue;
      }
      // A match glued to the end of other key characters (`…m3AbSK…` inside a random run) may be
      // the tail of a longer secret: mask the whole run in front of it too.
      let start = m.index;
      while (start > 0 && KEY_CHAR.test(text[start - 1])) start--;
      spans.push({ start, end: m.index + m[0].length, prefix: d.prefix(m[0]) });
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
  return out.replace(TOKEN, (m) => (looksLikeIdentifier(m) ? m : looksRandom(m) ? "****" : maskRandomWindows(m)));
}
