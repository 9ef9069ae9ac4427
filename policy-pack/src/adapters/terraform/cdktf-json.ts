/**
 * Reader for cdktf's synthesised `cdk.tf.json` (also any Terraform JSON configuration `*.tf.json`):
 * `resource.<type>.<logicalId>` blocks. References stay `${…}` strings, which the rules treat as
 * unknown ("cannot validate", never a pass), except a reference to a literal attribute of another
 * resource in the same document (`${aws_iam_user.ci.name}` where `name = "ci"`), which is replaced
 * by that literal exactly as Terraform would at plan time. `dynamic` blocks are unknown.
 */
import type { ResourceModel } from "../../model/resource";
import { UNKNOWN, isRecord } from "../../model/values";
import { toResourceModel } from "./convert";
import { TerraformInputError, parseJsonInput } from "./plan";

/** Meta-arguments and cdktf metadata: not attributes of the resource. */
const META_ARGUMENTS = new Set(["//", "depends_on", "count", "for_each", "provider", "lifecycle", "provisioner", "connection", "dynamic"]);

const what = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v);

/** `${type.name.attr}` (not the `$${` escape), the only reference form we substitute. */
const SIMPLE_REFERENCE = /(?<!\$)\$\{([a-zA-Z][a-zA-Z0-9_-]*)\.([a-zA-Z_][a-zA-Z0-9_-]*)\.([a-z_][a-z0-9_]*)\}/g;

type Blocks = Map<string, { type: string; logicalId: string; block: Record<string, unknown> }>;

function substituteReferences(value: unknown, blocks: Blocks, depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    return value.replace(SIMPLE_REFERENCE, (whole, type: string, name: string, attr: string) => {
      const target = blocks.get(`${type}.${name}`);
      if (!target || target.block.count !== undefined || target.block.for_each !== undefined) return whole;
      const literal = target.block[attr];
      // Only literals known at plan time; a value that is itself a reference stays a reference.
      return typeof literal === "string" && !literal.includes("${") ? literal : whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substituteReferences(v, blocks, depth + 1));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substituteReferences(v, blocks, depth + 1);
    return out;
  }
  return value;
}

/** Attributes of one `resource.<type>.<id>` block, meta-arguments removed, dynamic blocks unknown. */
export function attributesOfBlock(block: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(block)) if (!META_ARGUMENTS.has(k)) values[k] = v;
  if (isRecord(block.dynamic)) for (const name of Object.keys(block.dynamic)) values[name] = UNKNOWN;
  return values;
}

function constructPath(block: Readonly<Record<string, unknown>>): string | undefined {
  const meta = block["//"];
  if (!isRecord(meta) || !isRecord(meta.metadata)) return undefined;
  return typeof meta.metadata.path === "string" ? meta.metadata.path : undefined;
}

/** Reads a synthesised cdk.tf.json (or a Terraform JSON configuration) into the rule engine's model. */
export function resourcesFromCdktfJson(input: unknown): ResourceModel[] {
  const doc = parseJsonInput(input, "cdk.tf.json");
  if (!isRecord(doc)) throw new TerraformInputError(`cdk.tf.json: the document must be an object (got ${what(doc)})`);
  if (doc.resource === undefined) return [];
  if (!isRecord(doc.resource)) throw new TerraformInputError(`cdk.tf.json: resource must be an object of type → {logicalId → attributes} (got ${what(doc.resource)})`);
  const blocks: Blocks = new Map();
  for (const [type, byId] of Object.entries(doc.resource)) {
    if (!isRecord(byId)) throw new TerraformInputError(`cdk.tf.json: resource.${type} must be an object of logicalId → attributes (got ${what(byId)})`);
    for (const [logicalId, block] of Object.entries(byId)) {
      if (!isRecord(block)) throw new TerraformInputError(`cdk.tf.json: resource.${type}.${logicalId} must be an object of attributes (got ${what(block)})`);
      blocks.set(`${type}.${logicalId}`, { type, logicalId, block });
    }
  }
  const out: ResourceModel[] = [];
  for (const [address, { type, block }] of blocks) {
    const values = substituteReferences(attributesOfBlock(block), blocks) as Record<string, unknown>;
    out.push(toResourceModel({ type, address, values, source: "cdktf", location: constructPath(block) ?? address }));
  }
  return out;
}
