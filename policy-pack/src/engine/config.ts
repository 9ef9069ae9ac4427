/**
 * Configuration: the same JSON shape as `pulumi preview --policy-pack-config` (policy name →
 * level string, or `{enforcementLevel, …properties}`; `all` sets every level), validated with
 * messages that name the policy, the field and what is allowed.
 */
import type { ConfigProperty, EnforcementLevel, RuleMeta } from "./types";
import { redact } from "./secrets";
import { ownValue, setOwn } from "../model/values";

export const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

/** Properties every rule accepts. */
export const SHARED_CONFIG: Record<string, ConfigProperty> = {
  additionalAiServices: {
    type: "array",
    items: { type: "string" },
    default: [],
    description: "IAM service prefixes to treat as AI services besides bedrock, bedrock-agentcore, bedrock-mantle, sagemaker, aoss and q.",
  },
  waivers: {
    type: "array",
    default: [],
    description: "Accepted risks: {resource (URN, name or glob), finding? (finding ID or glob), reason (≥ 10 characters), expires (YYYY-MM-DD)}.",
    items: {
      type: "object",
      properties: {
        resource: { type: "string", minLength: 1 },
        finding: { type: "string" },
        reason: { type: "string", minLength: 10 },
        expires: { type: "string" },
      },
      required: ["resource", "reason", "expires"],
      additionalProperties: false,
    },
  },
};

export interface Waiver {
  readonly resource: string;
  readonly finding?: string;
  readonly reason: string;
  readonly expires: string;
}

export interface RuleSettings {
  readonly level: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

export class ConfigError extends Error {
  constructor(message: string) {
    // Rejected values are quoted back; a key pasted into the wrong field must not reach CI logs.
    super(redact(message));
    this.name = "ConfigError";
  }
}

export function schemaOf(rule: RuleMeta): Record<string, ConfigProperty> {
  return { ...SHARED_CONFIG, ...(rule.config ?? {}) };
}

export function defaultsOf(rule: RuleMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(schemaOf(rule))) if (p.default !== undefined) out[k] = structuredClone(p.default);
  return out;
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** Checks one value against a schema property; returns problems as `field: message`. */
function check(path: string, value: unknown, p: ConfigProperty, out: string[]): void {
  const actual = typeOf(value);
  const ok = p.type === actual || (p.type === "number" && actual === "integer");
  if (!ok) {
    out.push(`${path} must be ${p.type === "array" ? "an array" : p.type === "integer" ? "an integer" : p.type === "object" ? "an object" : `a ${p.type}`} (got ${actual})`);
    return;
  }
  if (p.enum && !p.enum.includes(value)) out.push(`${path} must be one of ${p.enum.map((e) => JSON.stringify(e)).join(", ")}`);
  if (typeof value === "number") {
    if (p.minimum !== undefined && value < p.minimum) out.push(`${path} must be at least ${p.minimum}`);
    if (p.maximum !== undefined && value > p.maximum) out.push(`${path} must be at most ${p.maximum}`);
  }
  if (typeof value === "string" && p.minLength !== undefined && value.trim().length < p.minLength) out.push(`${path} must have at least ${p.minLength} characters`);
  if (Array.isArray(value) && p.items) value.forEach((v, i) => check(`${path}[${i}]`, v, p.items!, out));
  if (actual === "object" && p.properties) {
    const obj = value as Record<string, unknown>;
    for (const r of p.required ?? []) if (ownValue(obj, r) === undefined) out.push(`${path}.${r} is required`);
    for (const [k, v] of Object.entries(obj)) {
      const sub = ownValue(p.properties, k);
      if (!sub) {
        if (p.additionalProperties === false) out.push(`${path}.${k} is not a known field (allowed: ${Object.keys(p.properties).join(", ")})`);
        continue;
      }
      check(`${path}.${k}`, v, sub, out);
    }
  }
}

/** A key as it may appear in an error: one line, clipped (keys are user text). */
function shownKey(key: string): string {
  // A control character in a key must not start a new line of the error (a forged "valid" line).
  // Not clipped here: the whole message is redacted, and a cut could leave half a key unrecognised.
  return /[\u0000-\u001f\u007f\u2028\u2029]/.test(key) ? JSON.stringify(key) : key;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real day: Date.parse rolls 2027-02-30 over to March 2, so the round trip is checked. */
function isCalendarDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** Validates waivers beyond the schema: dates, known finding prefixes. */
function checkWaivers(path: string, waivers: unknown, out: string[]): void {
  if (!Array.isArray(waivers)) return;
  waivers.forEach((w, i) => {
    if (typeof w !== "object" || w === null) return;
    const expires = (w as Record<string, unknown>).expires;
    if (typeof expires === "string" && !isCalendarDate(expires)) {
      out.push(`${path}[${i}].expires must be a date as YYYY-MM-DD (got ${JSON.stringify(redact(expires).slice(0, 40))})`);
    }
  });
}

/**
 * Resolves the effective settings of every rule from a policy-pack-config object.
 * Throws ConfigError listing every problem (policy, field, what is allowed).
 */
export function resolveConfig(rules: readonly RuleMeta[], user: unknown): Map<string, RuleSettings> {
  const problems: string[] = [];
  const byName = new Map(rules.map((r) => [r.name, r]));
  const cfg = user === undefined || user === null ? {} : user;
  if (typeof cfg !== "object" || Array.isArray(cfg)) throw new ConfigError("policy configuration must be a JSON object of policy name → level or settings");
  const entries = cfg as Record<string, unknown>;
  let all: EnforcementLevel | undefined;
  if ("all" in entries) {
    const a = entries.all;
    if (typeof a === "string" && (LEVELS as string[]).includes(a)) all = a as EnforcementLevel;
    else problems.push(`all: must be one of ${LEVELS.join(", ")}`);
  }
  for (const key of Object.keys(entries)) {
    if (key !== "all" && !byName.has(key)) problems.push(`${shownKey(key)}: not a policy of this pack (known: ${[...byName.keys()].join(", ")})`);
  }
  const out = new Map<string, RuleSettings>();
  for (const rule of rules) {
    const entry = ownValue(entries, rule.name);
    let level: EnforcementLevel = all ?? rule.defaultLevel;
    const properties = defaultsOf(rule);
    if (typeof entry === "string") {
      if ((LEVELS as string[]).includes(entry)) level = entry as EnforcementLevel;
      else problems.push(`${rule.name}: level must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(entry)})`);
    } else if (entry !== undefined) {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        problems.push(`${rule.name}: must be a level (${LEVELS.join(", ")}) or an object of settings`);
      } else {
        const schema = schemaOf(rule);
        for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
          if (k === "enforcementLevel") {
            if (typeof v === "string" && (LEVELS as string[]).includes(v)) level = v as EnforcementLevel;
            else if (v !== "remediate") problems.push(`${rule.name}.enforcementLevel must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(v)})`);
            else level = "mandatory";
            continue;
          }
          const p = ownValue(schema, k);
          if (!p) {
            problems.push(`${rule.name}.${shownKey(k)}: not a setting of this policy (allowed: enforcementLevel, ${Object.keys(schema).join(", ")})`);
            continue;
          }
          const before = problems.length;
          check(`${rule.name}.${k}`, v, p, problems);
          if (k === "waivers") checkWaivers(`${rule.name}.waivers`, v, problems);
          if (problems.length === before) setOwn(properties, k, v);
        }
      }
    }
    out.set(rule.name, { level, properties });
  }
  if (problems.length > 0) throw new ConfigError(`invalid ai-access-guard policy configuration:\n  - ${problems.join("\n  - ")}`);
  return out;
}

/** Validates properties as they arrive per policy over CrossGuard `Configure`. */
export function validateRuleProperties(rule: RuleMeta, props: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const schema = schemaOf(rule);
  for (const [k, v] of Object.entries(props)) {
    if (k === "enforcementLevel") continue;
    const p = ownValue(schema, k);
    if (!p) {
      problems.push(`${rule.name}.${shownKey(k)}: not a setting of this policy (allowed: enforcementLevel, ${Object.keys(schema).join(", ")})`);
      continue;
    }
    check(`${rule.name}.${k}`, v, p, problems);
    if (k === "waivers") checkWaivers(`${rule.name}.waivers`, v, problems);
  }
  return problems;
}
