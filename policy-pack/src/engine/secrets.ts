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

/** A token that looks random enough to be a key (mixed classes, long, high entropy). */
export function looksRandom(token: string, minLength = 32, minEntropy = 4.0): boolean {
  if (token.length < minLength) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  return classes >= 2 && entropy(token) >= minEntropy;
}

const TOKEN = /[A-Za-z0-9+/=_-]{32,}/g;

/** Replaces anything that looks like a credential with its well-known prefix and `****`. */
export function redact(text: string): string {
  let out = text;
  for (const d of SECRET_DETECTORS) out = out.replace(d.pattern, (m) => d.prefix(m));
  return out.replace(TOKEN, (m) => (looksRandom(m) ? "****" : m));
}
