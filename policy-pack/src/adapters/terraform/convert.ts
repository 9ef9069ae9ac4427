/**
 * One Terraform resource (its attribute values, snake_case) → the rule engine's model (Pulumi
 * token, camelCase names, Pulumi shapes). Shared by the plan reader, the cdk.tf.json reader and the
 * cdktf aspect. Framework-free: no cdktf or Terraform imports.
 */
import type { ResourceModel } from "../../model/resource";
import { UNKNOWN, isRecord } from "../../model/values";
import { configuredValues, originOf, type ValueOrigin } from "./configuration";
import { DROPPED_ATTRIBUTES, GLOBAL_MAP_ATTRIBUTES, TERRAFORM_TYPES, camelCase, pulumiTokenFor, type TerraformTypeSpec } from "./type-map";

export interface TerraformResourceInput {
  /** Terraform resource type, e.g. `aws_iam_role`. */
  readonly type: string;
  /** Terraform address (`module.ci.aws_iam_role.deploy[0]`): the finding's name and urn. */
  readonly address: string;
  /** Attribute values as Terraform writes them (snake_case, nested blocks as lists). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Plan `after_unknown` mask: `true` at leaves not known until apply. */
  readonly unknown?: unknown;
  /** Plan `after_sensitive` / `sensitive_values` mask: `true` at sensitive leaves. */
  readonly sensitive?: unknown;
  readonly source: "terraform" | "cdktf";
  /** Construct path (cdktf) or the address; defaults to the address. */
  readonly location?: string;
  /**
   * The plan configuration's expressions for this resource, when the plan has them: attributes
   * without an expression were not set by the user and are left out (configuration.ts).
   */
  readonly configured?: Readonly<Record<string, unknown>>;
}

const MAX_DEPTH = 64;

/** The configuration's expressions per model (plans that have a configuration section). */
const ORIGINS = new WeakMap<ResourceModel, Readonly<Record<string, unknown>>>();

/** Where the configuration takes the value at `property` (a finding's property path) from; undefined when unknown. */
export function valueOriginOf(resource: ResourceModel, property: string, terraformType?: string): ValueOrigin | undefined {
  const expressions = ORIGINS.get(resource);
  if (!expressions) return undefined;
  const spec = terraformType ? TERRAFORM_TYPES[terraformType] : Object.values(TERRAFORM_TYPES).find((t) => t.token === resource.type);
  return originOf(expressions, property, spec?.renames);
}

/** Values the plan marks sensitive, per model: used to keep them out of messages. */
const SENSITIVE = new WeakMap<ResourceModel, readonly string[]>();

/** Strings the plan marked sensitive for this resource (and the string leaves of sensitive JSON documents). */
export function sensitiveStringsOf(resource: ResourceModel): readonly string[] {
  return SENSITIVE.get(resource) ?? [];
}

/** Replaces every sensitive value of `resource` found in `text` with `(sensitive)`. */
export function scrubSensitive(text: string, resource: ResourceModel): string {
  let out = text;
  for (const s of sensitiveStringsOf(resource)) if (out.includes(s)) out = out.split(s).join("(sensitive)");
  return out;
}

function hasTrueLeaf(mask: unknown, depth = 0): boolean {
  if (mask === true) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(mask)) return mask.some((m) => hasTrueLeaf(m, depth + 1));
  if (isRecord(mask)) return Object.values(mask).some((m) => hasTrueLeaf(m, depth + 1));
  return false;
}

/** Puts the Pulumi unknown sentinel wherever `after_unknown` says `true` (plan JSON drops those attributes). */
export function mergeUnknown(value: unknown, mask: unknown, depth = 0): unknown {
  if (mask === true) return UNKNOWN;
  if (depth > MAX_DEPTH || !hasTrueLeaf(mask)) return value;
  if (Array.isArray(mask)) {
    const out = Array.isArray(value) ? [...value] : [];
    mask.forEach((m, i) => {
      out[i] = mergeUnknown(out[i] ?? null, m, depth + 1);
    });
    return out;
  }
  if (isRecord(mask)) {
    const out: Record<string, unknown> = isRecord(value) ? { ...value } : {};
    for (const [k, m] of Object.entries(mask)) out[k] = mergeUnknown(out[k], m, depth + 1);
    return out;
  }
  return value;
}

/** Structural words of policy documents: never secret, and scrubbing them would garble every message. */
const NOT_SECRET = new Set(["Allow", "Deny", "2012-10-17", "2008-10-17", "true", "false", "*"]);

function collectStrings(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    if (value.length >= 4 && !NOT_SECRET.has(value)) out.add(value);
    const t = value.trim();
    if ((t.startsWith("{") || t.startsWith("[")) && t.length < 1_000_000) {
      try {
        collectStrings(JSON.parse(t), out, depth + 1);
      } catch {
        /* not JSON */
      }
    }
    return;
  }
  if (typeof value === "number" && String(value).length >= 4) out.add(String(value));
  if (Array.isArray(value)) for (const v of value) collectStrings(v, out, depth + 1);
  else if (isRecord(value)) for (const v of Object.values(value)) collectStrings(v, out, depth + 1);
}

function collectSensitive(value: unknown, mask: unknown, out: Set<string>, depth = 0): void {
  if (depth > MAX_DEPTH || mask === undefined || mask === null || mask === false) return;
  if (mask === true) return collectStrings(value, out, depth);
  if (Array.isArray(mask) && Array.isArray(value)) mask.forEach((m, i) => collectSensitive(value[i], m, out, depth + 1));
  else if (isRecord(mask) && isRecord(value)) for (const [k, m] of Object.entries(mask)) collectSensitive(value[k], m, out, depth + 1);
}

function isMapAttribute(path: string, key: string, spec: TerraformTypeSpec | undefined): boolean {
  return GLOBAL_MAP_ATTRIBUTES.has(key) || (spec?.maps?.includes(path) ?? false);
}

/** Copies a map's entries as written; its values are data, not attributes. */
function copyData(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v) => copyData(v, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyData(v, depth + 1);
    return out;
  }
  return value;
}

function convertObject(obj: Readonly<Record<string, unknown>>, path: string, spec: TerraformTypeSpec | undefined, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    // Terraform writes unset attributes as null; Pulumi inputs leave them out.
    if (value === null || value === undefined) continue;
    if (path === "" && DROPPED_ATTRIBUTES.has(key)) continue;
    const tfPath = path === "" ? key : `${path}.${key}`;
    const converted = convertValue(value, tfPath, key, spec, depth + 1);
    if (converted === undefined) continue;
    out[spec?.renames?.[tfPath] ?? camelCase(key)] = converted;
  }
  return out;
}

function convertValue(value: unknown, tfPath: string, key: string, spec: TerraformTypeSpec | undefined, depth: number): unknown {
  if (depth > MAX_DEPTH) return UNKNOWN;
  if (isMapAttribute(tfPath, key, spec)) return copyData(value, depth);
  const convertEntry = (v: unknown) => (isRecord(v) ? convertObject(v, tfPath, spec, depth) : v);
  if (spec?.singles?.includes(tfPath)) {
    // Terraform: a list of at most one block; Pulumi: the block itself.
    if (Array.isArray(value)) {
      if (value.length === 0) return undefined;
      if (value.length === 1) return convertEntry(value[0]);
      return value.map(convertEntry);
    }
    return convertEntry(value);
  }
  if (Array.isArray(value)) return value.map(convertEntry);
  return convertEntry(value);
}

/** Converts Terraform attribute values to Pulumi-shaped properties for `type`. */
export function convertAttributes(type: string, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return convertObject(values, "", TERRAFORM_TYPES[type], 0);
}

/** One Terraform resource → the model the rules read. */
export function toResourceModel(input: TerraformResourceInput): ResourceModel {
  const merged = input.unknown === undefined ? input.values : mergeUnknown(input.values, input.unknown);
  const written = isRecord(merged) ? (input.configured ? configuredValues(merged, input.configured) : merged) : {};
  const properties = convertAttributes(input.type, written);
  const model: ResourceModel = {
    type: pulumiTokenFor(input.type).token,
    name: input.address,
    urn: input.address,
    properties,
    source: input.source,
    location: input.location ?? input.address,
  };
  if (input.configured) ORIGINS.set(model, input.configured);
  if (input.sensitive !== undefined) {
    const found = new Set<string>();
    collectSensitive(input.values, input.sensitive, found);
    // Longest first, so a value that contains another is replaced whole.
    if (found.size > 0) SENSITIVE.set(model, [...found].sort((a, b) => b.length - a.length));
  }
  return model;
}
