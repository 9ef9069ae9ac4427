/** The rule catalog, in ID order. Adding a rule: one file, one line here. */
import type { ResourceRule } from "../engine/types";
import { noLongLivedAccessKeys } from "./aag001-no-long-lived-access-keys";
import { noBedrockApiKeys } from "./aag002-no-bedrock-api-keys";
import { noWildcardAiActions } from "./aag003-no-wildcard-ai-actions";
import { aiDataPlaneNamedResources } from "./aag004-ai-data-plane-named-resources";
import { noBroadManagedPolicies } from "./aag005-no-broad-managed-policies";
import { federatedTrustPinned } from "./aag006-federated-trust-pinned";

export const RESOURCE_RULES: readonly ResourceRule[] = [
  noLongLivedAccessKeys,
  noBedrockApiKeys,
  noWildcardAiActions,
  aiDataPlaneNamedResources,
  noBroadManagedPolicies,
  federatedTrustPinned,
];
