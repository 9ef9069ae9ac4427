/**
 * One Terraform resource (its attribute values, snake_case) → the rule engine's model (Pulumi
 * token, camelCase names, Pulumi shapes). Shared by the plan reader, the cdk.tf.json reader and the
 * cdktf aspect. Framework-free: no cdktf or Terraform imports.
 */
import type { ResourceModel } from "../../model/resource";
import { UNKNOWN, isRecord, ownValue, setOwn } from "../../model/values";
import { registerSecret } from "../../engine/secret-values";
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
  const spec = terraformType ? ownValue(TERRAFORM_TYPES, terraformType) : Object.values(TERRAFORM_TYPES).find((t) => t.token === resource.type);
  return originOf(expressions, property, spec?.renames);
}

/**
 * Puts the Pulumi unknown sentinel wherever `after_unknown` says `true` (plan JSON drops those
 * attributes). One pass over the mask: a subtree with no `true` leaf returns the value as it is.
 */
export function mergeUnknown(value: unknown, mask: unknown, depth = 0): unknown {
  if (mask === true) return UNKNOWN;
  if (depth > MAX_DEPTH || mask === null || typeof mask !== "object") return value;
  if (Array.isArray(mask)) {
    let out: unknown[] | undefined;
    mask.forEach((m, i) => {
      const current = Array.isArray(value) ? value[i] : undefined;
      const merged = mergeUnknown(current ?? null, m, depth + 1);
      if (merged !== (current ?? null)) {
        out ??= Array.isArray(value) ? [...value] : [];
        out[i] = merged;
      }
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [k, m] of Object.entries(mask)) {
    const current = isRecord(value) ? ownValue(value, k) : undefined;
    const merged = mergeUnknown(current, m, depth + 1);
    if (merged !== current) {
      out ??= isRecord(value) ? { ...value } : {};
      setOwn(out, k, merged);
    }
  }
  return out ?? value;
}

/** Registers the values under `true` leaves of a sensitive mask (whole subtrees: a sensitive document or map). */
function registerSensitive(value: unknown, mask: unknown, depth = 0): void {
  if (depth > MAX_DEPTH || mask === undefined || mask === null || mask === false) return;
  if (mask === true) return registerSecret(value, "sensitive");
  if (Array.isArray(mask) && Array.isArray(value)) mask.forEach((m, i) => registerSensitive(value[i], m, depth + 1));
  else if (isRecord(mask) && isRecord(value)) for (const [k, m] of Object.entries(mask)) registerSensitive(ownValue(value, k), m, depth + 1);
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
    for (const [k, v] of Object.entries(value)) setOwn(out, k, copyData(v, depth + 1));
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
    setOwn(out, (spec?.renames && ownValue(spec.renames, tfPath)) ?? camelCase(key), converted);
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
  return convertObject(values, "", ownValue(TERRAFORM_TYPES, type), 0);
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
  if (input.sensitive !== undefined) registerSensitive(input.values, input.sensitive);
  return model;
}
