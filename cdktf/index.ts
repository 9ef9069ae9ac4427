/** ai-access-guard for CDK for Terraform (cdktf 0.21): the aspect, and the adapter it builds on. */
export { AiAccessGuardAspect, type AiAccessGuardAspectOptions } from "./ai-access-guard-aspect";
export {
  resourcesFromCdktfJson,
  resourcesFromTerraformPlan,
  detectTerraformFormat,
  evaluateTerraformResources,
} from "../policy-pack/src/adapters/terraform";
