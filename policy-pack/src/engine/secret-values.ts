/**
 * Secret by origin. What is secret is decided by where a value came from — a Pulumi secret envelope,
 * a Terraform sensitive mark, a field that is a credential by its schema — not by what it looks like.
 * Readers register such values when they read the input; `redact()` (and so every message, report,
 * map label and log line) masks each registered value, and the fragments a rule could cut from it
 * (`myorg` out of `repo:myorg/*`), before the credential detectors run as the second line.
 *
 * Process-wide, like Pulumi's own log masker: one CLI run or one pack process judges one deployment,
 * and a value secret in one resource must not surface through a finding on another.
 */

export type SecretOrigin = "secret" | "sensitive";

/** How a masked value is shown: `(secret)` for Pulumi secrets and credential fields, `(sensitive)` for Terraform marks. */
const LABEL: Record<SecretOrigin, string> = { secret: "(secret)", sensitive: "(sensitive)" };

/** Values this long or longer are masked wherever they occur; shorter ones only as a whole token. */
const SUBSTRING_MIN = 8;
const MAX_DEPTH = 256;

/** Structural words of policy documents and booleans: never secret, and masking them would garble every message. */
const STRUCTURAL = new Set(["allow", "deny", "2012-10-17", "2008-10-17", "true", "false", "null", "*", "?"]);
/** Words that fragments of ARNs and federated subjects share with every other value: not worth masking alone. */
const COMMON_FRAGMENTS = new Set([
  "arn", "aws", "aws-cn", "aws-us-gov", "iam", "sts", "role", "user", "group", "policy", "root", "secret", "assumed-role",
  "oidc-provider", "saml-provider", "repo", "ref", "refs", "heads", "tags", "pull_request", "environment", "project_path",
  "ref_type", "branch", "tag", "system", "serviceaccount", "organization", "project", "workspace", "run_phase", "http",
  "https", "amazonaws.com", "www", "com",
]);
/** IAM action names (`s3:GetObject`) and AWS service principals are names, whatever document they sit in. */
const ACTION_NAME = /^[a-z0-9-]+:[A-Z*][A-Za-z0-9*?]*$/;
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/;

interface Entry {
  readonly label: string;
}

const whole = new Map<string, Entry>(); // lower-case value → label, matched as a substring
const tokens = new Map<string, Entry>(); // lower-case short values and fragments, matched as whole tokens
/**
 * `whole` keys by a hash of their first SUBSTRING_MIN characters, so finding them in a text costs one
 * rolling hash per position whatever the number of registered values (a scan of every value per text
 * made a long-lived process slower with every secret it had seen).
 */
const byPrefix = new Map<number, string[]>();
const HASH_BASE = 31;
/** HASH_BASE ** (SUBSTRING_MIN - 1), in 32-bit arithmetic: the weight of the character leaving the window. */
let leavingWeight = 1;
for (let k = 1; k < SUBSTRING_MIN; k++) leavingWeight = Math.imul(leavingWeight, HASH_BASE);

function prefixHash(s: string, at: number): number {
  let h = 0;
  for (let k = 0; k < SUBSTRING_MIN; k++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(at + k)) | 0;
  return h;
}

function addWhole(key: string, entry: Entry): void {
  if (whole.has(key)) return;
  whole.set(key, entry);
  const h = prefixHash(key, 0);
  const bucket = byPrefix.get(h);
  if (bucket) bucket.push(key);
  else byPrefix.set(h, [key]);
}

function isStructural(lower: string): boolean {
  return STRUCTURAL.has(lower);
}

/** Grows with every new registered value and every clear: a text vetted at one version may hold a value registered later. */
let version = 0;

/** The registry's version (see `vouchRedacted` in secrets.ts). */
export function registryVersion(): number {
  return version;
}

function addString(value: string, origin: SecretOrigin): void {
  const before = whole.size + tokens.size;
  addStringEntries(value, origin);
  if (whole.size + tokens.size !== before) version++;
}

function addStringEntries(value: string, origin: SecretOrigin): void {
  const v = value.trim();
  if (v.length < 2) return;
  const lower = v.toLowerCase();
  if (isStructural(lower) || ACTION_NAME.test(v) || SERVICE_PRINCIPAL.test(lower)) return;
  const entry = { label: LABEL[origin] };
  if (v.length >= SUBSTRING_MIN) {
    addWhole(lower, entry);
    // As it appears inside JSON text (a message quoting a document, a finding ID built from one).
    const escaped = JSON.stringify(v).slice(1, -1).toLowerCase();
    if (escaped !== lower) addWhole(escaped, entry);
  } else if (!tokens.has(lower)) tokens.set(lower, entry);
  // Fragments a rule may cut out of the value (owner of a subject, account of an ARN, a path part).
  // An ARN's partition, service and region are vocabulary shared with every other ARN, not its secret.
  // So is the resource type after the account (`foundation-model/…`, `role/…`).
  const arn = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:[a-z0-9-]+[:/])?/.exec(lower);
  const account = arn ? /^arn:[^:]*:[^:]*:[^:]*:([^:]*):/.exec(lower)?.[1] : undefined;
  const rest = arn ? lower.slice(arn[0].length) : lower;
  for (const part of [...rest.split(/[\s:/*?"'`,;=@\\|()[\]{}<>]+/), ...(account ? [account] : [])]) {
    if (part.length < 3 || part === lower || COMMON_FRAGMENTS.has(part) || isStructural(part) || REGION.test(part) || tokens.has(part)) continue;
    tokens.set(part, entry);
  }
}

/**
 * Registers every string (and number) inside `value` as secret: nested arrays and objects, and JSON
 * documents held in strings (a secret trust policy). Object keys are names and are not registered.
 */
export function registerSecret(value: unknown, origin: SecretOrigin = "secret"): void {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop()!;
    if (d > MAX_DEPTH) continue;
    if (typeof v === "string") {
      const t = v.trim();
      // A JSON document held in a string (a secret policy) is registered by its values, not its keys and punctuation.
      if ((t.startsWith("{") || t.startsWith("[")) && t.length < 4_000_000) {
        try {
          stack.push({ v: JSON.parse(t), d: d + 1 });
          continue;
        } catch {
          /* not JSON */
        }
      }
      addString(v, origin);
    } else if (typeof v === "number" && Number.isFinite(v)) addString(String(v), origin);
    else if (Array.isArray(v)) for (const x of v) stack.push({ v: x, d: d + 1 });
    else if (typeof v === "object" && v !== null) for (const x of Object.values(v)) stack.push({ v: x, d: d + 1 });
  }
}

/** True when `value` (a whole string) was registered as secret. */
export function isRegisteredSecret(value: string): boolean {
  return secretOriginOf(value) !== undefined;
}

/** Where a registered value came from: "secret" (a secret envelope or credential field), "sensitive" (a Terraform mark). */
export function secretOriginOf(value: string): SecretOrigin | undefined {
  const lower = value.trim().toLowerCase();
  const e = whole.get(lower) ?? tokens.get(lower);
  return e === undefined ? undefined : e.label === LABEL.secret ? "secret" : "sensitive";
}

/** How many values are registered (tests, diagnostics). */
export function registeredSecretCount(): number {
  return whole.size + tokens.size;
}

/** Forgets every registered value. For tests that judge unrelated inputs in one process. */
export function clearRegisteredSecrets(): void {
  whole.clear();
  byPrefix.clear();
  tokens.clear();
  version++;
}

const TOKEN_CHAR = /[A-Za-z0-9_.+-]/;

export interface MaskSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Where registered secret values (and fragments) occur in `text`; linear in the text per registered value. */
export function registeredSecretSpans(text: string): MaskSpan[] {
  const spans: MaskSpan[] = [];
  if ((whole.size === 0 && tokens.size === 0) || text === "") return spans;
  const lowered = text.toLowerCase();
  // Case-folding that changes the length (rare Unicode) would shift positions: fall back to exact case.
  const lower = lowered.length === text.length ? lowered : text;
  if (whole.size > 0 && lower.length >= SUBSTRING_MIN) {
    // Every occurrence of every registered value: a rolling hash of the window at each position picks
    // the values that may start there, and each is checked in full.
    let h = prefixHash(lower, 0);
    for (let at = 0; ; at++) {
      const bucket = byPrefix.get(h);
      if (bucket) for (const s of bucket) if (lower.startsWith(s, at)) spans.push({ start: at, end: at + s.length, label: whole.get(s)!.label });
      if (at + SUBSTRING_MIN >= lower.length) break;
      h = (Math.imul((h - Math.imul(lower.charCodeAt(at), leavingWeight)) | 0, HASH_BASE) + lower.charCodeAt(at + SUBSTRING_MIN)) | 0;
    }
  }
  if (tokens.size > 0) {
    for (let i = 0; i < text.length; ) {
      if (!TOKEN_CHAR.test(text[i])) {
        i++;
        continue;
      }
      let j = i;
      while (j < text.length && TOKEN_CHAR.test(text[j])) j++;
      const hit = tokens.get(lower.slice(i, j)) ?? tokens.get(lower.slice(i, j).replace(/^[.+-]+|[.+-]+$/g, ""));
      if (hit) spans.push({ start: i, end: j, label: hit.label });
      i = j;
    }
  }
  return spans;
}
