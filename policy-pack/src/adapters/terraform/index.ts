/**
 * Terraform and cdktf adapter: the same rules, on Terraform plans and cdktf output.
 * Framework-free (no cdktf import); the cdktf aspect (`cdktf/` at the repo root) builds on it.
 *
 *   detectTerraformFormat(json: unknown): "terraform-plan" | "cdktf" | undefined
 *     `json` is parsed JSON or JSON text. "terraform-plan": `terraform show -json PLANFILE` (or state)
 *     output, recognised by `format_version` plus `planned_values`/`resource_changes`/`values`.
 *     "cdktf": a synthesised cdk.tf.json (or any Terraform JSON configuration), recognised by a
 *     top-level `resource` object or cdktf's `"//"` metadata. undefined: neither.
 *
 *   resourcesFromTerraformPlan(json: unknown): ResourceModel[]
 *     Managed resources of the plan (root and child modules), deletes/data sources skipped;
 *     `after_unknown` leaves become the Pulumi unknown sentinel. When the plan has a
 *     `configuration` section, attributes the user did not set (provider-computed or defaults) are
 *     left out, and `valueOriginOf(model, property)` says whether a value was written as a
 *     literal or comes from a variable/reference. name = urn = location = the
 *     Terraform address (`module.ci.aws_iam_role.deploy`), source "terraform".
 *
 *   resourcesFromCdktfJson(json: unknown): ResourceModel[]
 *     `resource.<type>.<logicalId>` blocks; name = urn = `<type>.<logicalId>` (the address
 *     `terraform plan` would print), location = the construct path, source "cdktf". `${…}`
 *     references and `${jsonencode(…)}` are unknown to the rules ("cannot validate").
 *
 *   Both throw TerraformInputError (an Error) naming the path of what is malformed, never its value.
 *
 *   evaluateTerraformResources(resources: readonly ResourceModel[], packConfig?: unknown, now?: Date): JudgedFinding[]
 *     Every rule of the pack (resource and stack rules) with the pack's configuration and waivers
 *     (`packConfig` is the `--policy-pack-config` JSON object; throws ConfigError when invalid).
 *     Values the plan marked sensitive (registered when the plan was read, secret-values.ts) are
 *     replaced by `(sensitive)` in each finding's detail and finding ID, and in everything redact()
 *     passes; format with `formatFinding(ruleById(f.ruleId), f)`.
 *
 *   toResourceModel(input), convertAttributes(type, values), TERRAFORM_TYPES, pulumiTokenFor(type):
 *     the building blocks, for one resource at a time (the cdktf aspect, tests).
 */
import type { ResourceModel } from "../../model/resource";
import { isRecord } from "../../model/values";
import type { JudgedFinding } from "../../engine/types";
import { resolveConfig } from "../../engine/config";
import { evaluateStack } from "../../engine/evaluate-stack";
import { ALL_RULES } from "../../rules";
import { parseJsonInput } from "./plan";

export { resourcesFromTerraformPlan, TerraformInputError } from "./plan";
export { resourcesFromCdktfJson, attributesOfBlock } from "./cdktf-json";
export { toResourceModel, convertAttributes, mergeUnknown, valueOriginOf, type TerraformResourceInput } from "./convert";
export { configAddress, configuredResources, describeOrigin, originOf, type ValueOrigin } from "./configuration";
export { TERRAFORM_TYPES, pulumiTokenFor, camelCase, type TerraformTypeSpec } from "./type-map";

export type TerraformFormat = "terraform-plan" | "cdktf";

export function detectTerraformFormat(json: unknown): TerraformFormat | undefined {
  let doc: unknown;
  try {
    doc = parseJsonInput(json, "input");
  } catch {
    return undefined;
  }
  if (!isRecord(doc)) return undefined;
  if (typeof doc.format_version === "string" && (doc.planned_values !== undefined || doc.resource_changes !== undefined || doc.values !== undefined)) return "terraform-plan";
  const meta = doc["//"];
  if (isRecord(doc.resource) || (isRecord(meta) && isRecord(meta.metadata))) return "cdktf";
  return undefined;
}

export { ruleById } from "../../rules";

export function evaluateTerraformResources(resources: readonly ResourceModel[], packConfig?: unknown, now: Date = new Date()): JudgedFinding[] {
  // Sensitive values were registered when the plan was read; evaluateStack masks them in every finding.
  return evaluateStack(resources, ALL_RULES, resolveConfig(ALL_RULES, packConfig), now).findings;
}
