/** Routing `scan` to the Terraform/cdktf adapter (`policy-pack/src/adapters/terraform/`). */
import type { ResourceModel } from "../../policy-pack/src";
import { detectTerraformFormat, resourcesFromCdktfJson, resourcesFromTerraformPlan } from "../../policy-pack/src/adapters/terraform";

export interface TerraformAdapter {
  detectTerraformFormat: (json: unknown) => unknown;
  resourcesFromTerraformPlan: (json: unknown) => ResourceModel[];
  resourcesFromCdktfJson: (json: unknown) => ResourceModel[];
}

export function terraformAdapter(): TerraformAdapter {
  return { detectTerraformFormat, resourcesFromTerraformPlan, resourcesFromCdktfJson };
}

/** Which Terraform-family format a document is, as the adapter detects it. */
export function terraformKind(json: unknown): "terraform-plan-json" | "cdktf-json" | undefined {
  const kind = detectTerraformFormat(json);
  return kind === "terraform-plan" ? "terraform-plan-json" : kind === "cdktf" ? "cdktf-json" : undefined;
}
