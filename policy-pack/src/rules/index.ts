/** The rule catalog, in ID order. Adding a rule: one file, one line here. */
import type { ResourceRule, Rule, StackRule } from "../engine/types";
import { noLongLivedAccessKeys } from "./aag001-no-long-lived-access-keys";
import { noBedrockApiKeys } from "./aag002-no-bedrock-api-keys";
import { noWildcardAiActions } from "./aag003-no-wildcard-ai-actions";
import { aiDataPlaneNamedResources } from "./aag004-ai-data-plane-named-resources";
import { noBroadManagedPolicies } from "./aag005-no-broad-managed-policies";
import { federatedTrustPinned } from "./aag006-federated-trust-pinned";
import { aiSecretsRotated } from "./aag007-ai-secrets-rotated";
import { noEmbeddedSecrets } from "./aag008-no-embedded-secrets";
import { shortSessions } from "./aag009-short-sessions";
import { passRoleScoped } from "./aag010-passrole-scoped";
import { llmjackingControlActions } from "./aag011-llmjacking-control-actions";
import { invocationLogging } from "./aag012-invocation-logging";
import { trustHardened } from "./aag013-trust-hardened";
import { guardrailsEnforced } from "./aag014-guardrails";
import { ownershipTags } from "./aag015-ownership-tags";
import { environmentIsolation } from "./aag016-environment-isolation";
import { breakGlassIsolation } from "./aag017-break-glass-isolation";
import { noCredentialMinting } from "./aag018-no-credential-minting";
import { aiControlPlaneAndAuditProtected } from "./aag019-ai-control-plane-and-audit-protected";
import { noUnauthenticatedAiEntry } from "./aag020-no-unauthenticated-ai-entry";
import { agentRoleBound } from "./aag021-agent-role-bound";
import { toolExecutorLeastPrivilege } from "./aag022-tool-executor-least-privilege";
import { toolGatewayPolicyEngine } from "./aag023-tool-gateway-policy-engine";
import { tokenVaultWriteOnly } from "./aag024-token-vault-write-only";
import { resourcePoliciesNotOpen } from "./aag025-resource-policies-not-open";
import { aiAuditTrail } from "./aag026-ai-audit-trail";
import { guardrailVersionPinned } from "./aag027-guardrail-version-pinned";

export const RESOURCE_RULES: readonly ResourceRule[] = [
  noLongLivedAccessKeys,
  noBedrockApiKeys,
  noWildcardAiActions,
  aiDataPlaneNamedResources,
  noBroadManagedPolicies,
  federatedTrustPinned,
  noEmbeddedSecrets,
  passRoleScoped,
  trustHardened,
  guardrailsEnforced,
  ownershipTags,
  toolGatewayPolicyEngine,
  tokenVaultWriteOnly,
  guardrailVersionPinned,
];

export const STACK_RULES: readonly StackRule[] = [
  aiSecretsRotated,
  shortSessions,
  llmjackingControlActions,
  invocationLogging,
  environmentIsolation,
  breakGlassIsolation,
  noCredentialMinting,
  aiControlPlaneAndAuditProtected,
  noUnauthenticatedAiEntry,
  agentRoleBound,
  toolExecutorLeastPrivilege,
  resourcePoliciesNotOpen,
  aiAuditTrail,
];

/** Every rule, resource and stack, in ID order. */
export const ALL_RULES: readonly Rule[] = [...RESOURCE_RULES, ...STACK_RULES].sort((a, b) => a.id.localeCompare(b.id));

/** The rule with this ID (for formatting and reporting findings). */
export function ruleById(id: string, rules: readonly Rule[] = ALL_RULES): Rule | undefined {
  return rules.find((r) => r.id === id);
}
