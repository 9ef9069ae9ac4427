import type { StackRule } from "../engine/types";
import { T } from "../model/resource";
import { wildcardMatches } from "../iam/patterns";

/** Account-level switches an LLMjacker flips: enable models, accept terms, hide the trail. */
export const LLMJACKING_CONTROL_ACTIONS: readonly string[] = [
  "bedrock:PutUseCaseForModelAccess",
  "bedrock:CreateFoundationModelAgreement",
  "bedrock:DeleteFoundationModelAgreement",
  "bedrock:PutFoundationModelEntitlement",
  "bedrock:PutModelInvocationLoggingConfiguration",
  "bedrock:DeleteModelInvocationLoggingConfiguration",
  "bedrock:PutEnforcedGuardrailConfiguration",
  "bedrock:DeleteEnforcedGuardrailConfiguration",
  "bedrock:PutAccountDataRetention",
  "bedrock:CreateProvisionedModelThroughput",
  "bedrock:CreateMarketplaceModelEndpoint",
  "bedrock-mantle:PutAccountDataRetention",
  "aws-marketplace:Subscribe",
];

export const llmjackingControlActions: StackRule = {
  kind: "stack",
  id: "AAG-011",
  name: "llmjacking-control-actions-allowlisted",
  title: "Model-access and logging control actions only on allowlisted principals",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5"], owaspAgentic: ["ASI03", "ASI10"], nistCsf: ["PR.AA-05", "DE.CM-09"], nistAiRmf: ["MANAGE 2.4", "MEASURE 2.7"] },
  why:
    "LLMjacking runs in three steps: enable models nobody uses (PutUseCaseForModelAccess, model " +
    "agreements, marketplace subscriptions), switch off invocation logging so the bill has no trail, then " +
    "invoke at scale. A workload that can do the first two is the attacker's whole toolkit.",
  fix:
    "Remove these actions from workload roles; grant them only to the platform role that manages model " +
    "access and list it in `allowedPrincipals` (names, ARNs or URN globs). Prefer an SCP that denies them to everyone else.",
  appliesTo: [T.role, T.user, T.group],
  config: {
    allowedPrincipals: { type: "array", items: { type: "string" }, default: [], description: "Principals (logical or physical name, ARN or URN; globs allowed) that may hold control actions." },
  },
  checkStack(view, ctx) {
    const allowed = (ctx.config.allowedPrincipals as string[]) ?? [];
    for (const p of view.principals) {
      const refs = [p.name, p.physicalName, p.arn, p.urn].filter((x): x is string => !!x);
      if (allowed.some((a) => refs.some((r) => wildcardMatches(a, r)))) continue;
      // Effective access: a Deny in any attached document (or the boundary) removes the action.
      const found = new Map<string, string>();
      for (const a of LLMJACKING_CONTROL_ACTIONS) {
        const hit = p.access.to(a)[0];
        if (hit) found.set(a, hit.source);
      }
      if (found.size === 0) continue;
      const list = [...found.keys()];
      ctx.violation(
        p.resource,
        `ControlAction::${list[0]}`,
        `may call ${list.slice(0, 4).join(", ")}${list.length > 4 ? ` and ${list.length - 4} more` : ""} (from ${[...new Set(found.values())].slice(0, 2).join("; ")}) and is not in allowedPrincipals.`,
        { property: "policy" },
      );
    }
  },
};
