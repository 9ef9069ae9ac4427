/**
 * Value helpers shared by every adapter. One representation for "not known yet" across Pulumi
 * (engine sentinels), Terraform (`after_unknown`) and cdktf (`${…}` references): the Pulumi
 * sentinel strings. Adapters convert to them; rules only ask `isUnknown`/`containsUnknown`.
 */

/** Sentinels the Pulumi engine uses for values that are unknown during preview. */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also the generic one)
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's marker key for special objects (secrets, assets, resource references). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Deepest nesting a reader follows; deeper values are unknown ("cannot validate"), never a crash. */
export const MAX_VALUE_DEPTH = 64;

import { registerSecret } from "../engine/secret-values";

const INTERPOLATION = /\$\{[^}]*\}/g;
/** IAM policy variables (`${aws:username}`, `${token.actions.githubusercontent.com:sub}`, `${*}`) are IAM's, not Terraform's. */
const IAM_POLICY_VARIABLE = /^\$\{([*?$]|[A-Za-z0-9.-]+:[A-Za-z0-9_:./-]+)\}$/;

function hasTerraformReference(value: string): boolean {
  const found = value.match(INTERPOLATION);
  return found !== null && found.some((m) => !IAM_POLICY_VARIABLE.test(m));
}

/** True when the whole value is unknown (a sentinel, or a Terraform/cdktf interpolation). */
export function isUnknown(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (UNKNOWN_SENTINELS.has(value)) return true;
  // A whole-value interpolation (`${aws_iam_role.x.arn}`) resolves only at apply.
  return value.startsWith("${") && value.endsWith("}") && value.indexOf("${", 2) === -1 && hasTerraformReference(value);
}

const SENTINEL_LENGTH = Math.min(...[...UNKNOWN_SENTINELS].map((s) => s.length));
/** Every sentinel holds this (a version-4 UUID's third group), so a value without it holds none: one scan instead of seven. */
const SENTINEL_HINT = [...UNKNOWN_SENTINELS].every((s) => s.includes("-4")) ? "-4" : "";

/** True when some part of a string is unknown (e.g. an ARN built from a reference). */
export function containsUnknown(value: unknown): boolean {
  if (typeof value !== "string") return false;
  if (value.length >= SENTINEL_LENGTH && value.includes(SENTINEL_HINT)) {
    if (UNKNOWN_SENTINELS.has(value)) return true;
    for (const s of UNKNOWN_SENTINELS) if (value.includes(s)) return true;
  }
  return value.includes("${") && hasTerraformReference(value);
}

/** A secret that arrived still wrapped (stack exports keep ciphertext; we never see plaintext). */
export function isOpaqueSecret(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG &&
    !("value" in (value as object))
  );
}

/**
 * Unwraps `{sig: secret, value}` and `--show-secrets` `{sig: secret, plaintext}` wrappers
 * recursively; opaque (ciphertext) secrets become unknown. Every unwrapped value is registered as
 * secret (secret-values.ts), so it is masked in every message whatever rule echoes it. Beyond
 * `MAX_VALUE_DEPTH` levels the rest is unknown: the rules then say "cannot validate".
 * Copy on write: a value with nothing to unwrap is returned as it is, so a large stack is not
 * copied a second time (callers never mutate what they get).
 */
export function unwrapSecrets(value: unknown, depth = 0): unknown {
  if (depth > MAX_VALUE_DEPTH) return UNKNOWN;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = unwrapSecrets(value[i], depth + 1);
      if (!out && v !== value[i]) out = value.slice(0, i);
      if (out) out.push(v);
    }
    return out ?? value;
  }
  if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    if (obj[SPECIAL_SIG_KEY] === SECRET_SIG) {
      let inner: unknown = UNKNOWN;
      if ("value" in obj) inner = unwrapSecrets(obj.value, depth + 1);
      else if (typeof obj.plaintext === "string") {
        try {
          inner = unwrapSecrets(JSON.parse(obj.plaintext), depth + 1);
        } catch {
          // Not JSON text: the plaintext itself is the secret; judge nothing from it.
          registerSecret(obj.plaintext);
          return UNKNOWN;
        }
      }
      registerSecret(inner);
      return inner;
    }
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(obj);
    for (let i = 0; i < keys.length; i++) {
      const v = unwrapSecrets(obj[keys[i]], depth + 1);
      if (!out && v !== obj[keys[i]]) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j], obj[keys[j]]);
      }
      if (out) setOwn(out, keys[i], v);
    }
    return out ?? obj;
  }
  return value;
}

/**
 * `obj[key] = value` that stays a plain own property for every key: assigning `__proto__` would
 * replace the prototype instead (and drop the value), a crash or a silent loss with hostile input.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` for an own property only: `constructor`, `toString`, `__proto__` of a plain object are not data. */
export function ownValue<T>(obj: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Deepest nesting a saved file may have (JSON documents in strings not counted); real ones stay far below. */
export const MAX_INPUT_DEPTH = 256;

/** True when arrays/objects in `value` nest deeper than `limit`; iterative, so any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Two parallel stacks (value, depth): a whole input is walked, and an object per node adds up.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const d = depths.pop()!;
    if (typeof v !== "object" || v === null) continue;
    if (d >= limit) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof x === "object" && x !== null) {
        values.push(x);
        depths.push(d + 1);
      }
    }
  }
  return false;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `"x"` or `["x","y"]` → string list; other shapes are reported back as `invalid`. */
export function asStringList(value: unknown): { values: string[]; invalid: boolean; unknown: boolean } {
  if (value === undefined || value === null) return { values: [], invalid: false, unknown: false };
  if (isUnknown(value)) return { values: [], invalid: false, unknown: true };
  if (typeof value === "string") return { values: [value], invalid: false, unknown: false };
  if (Array.isArray(value)) {
    const values: string[] = [];
    let invalid = false;
    let unknown = false;
    for (const v of value) {
      if (typeof v === "string") values.push(v);
      else invalid = true;
      if (isUnknown(v)) unknown = true;
    }
    return { values, invalid, unknown };
  }
  return { values: [], invalid: true, unknown: false };
}
