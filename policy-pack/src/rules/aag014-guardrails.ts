import { T } from "../model/resource";
import { asStringList, isRecord, isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";
import { identityDocuments, forEachDocument } from "../engine/documents";
import { coversAction } from "../iam/analysis";
import { describeStatement } from "../iam/document";

const MODEL_INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

export const guardrailsEnforced: ResourceRule = {
  kind: "resource",
  id: "AAG-014",
  name: "guardrails-enforced",
  title: "Model invocation requires a Bedrock guardrail; Bedrock agents have one",
  severity: "medium",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: [], owaspAgentic: ["ASI01", "ASI06"], nistCsf: ["PR.PS-01", "DE.CM-09"], nistAiRmf: ["MANAGE 1.3", "MEASURE 2.6"] },
  why:
    "Without a `bedrock:GuardrailIdentifier` condition a caller can invoke the model with no guardrail, " +
    "so prompt-injection filters, denied topics and PII masking are optional. An agent without a " +
    "guardrail passes whatever its tools and documents inject straight to the model.",
  fix:
    "Add `StringEquals: {\"bedrock:GuardrailIdentifier\": \"<guardrail ARN>:<version>\"}` to the invoke " +
    "statement (AiAccessPolicy does when you give `guardrail`), and set `guardrailConfiguration` on agents.",
  appliesTo: [T.policy, T.rolePolicy, T.userPolicy, T.groupPolicy, T.role, T.user, T.group, T.bedrockAgent],
  check(resource, ctx) {
    if (resource.type === T.bedrockAgent) {
      const g = resource.properties.guardrailConfigurations ?? resource.properties.guardrailConfiguration;
      if (isUnknown(g)) {
        ctx.cannotValidate("guardrailConfigurations", "the agent's guardrail configuration is not known until apply.");
        return;
      }
      const list = Array.isArray(g) ? g : g ? [g] : [];
      const has = list.some((x) => isRecord(x) && (typeof x.guardrailIdentifier === "string" || isUnknown(x.guardrailIdentifier)));
      if (!has) ctx.violation("Agent::no-guardrail", `has no guardrail configuration: what tools and documents inject reaches the model unfiltered.`, { property: "guardrailConfigurations" });
      return;
    }
    forEachDocument(identityDocuments(resource), ctx, (doc, where) => {
      for (const s of doc.statements) {
        if (s.effect !== "Allow") continue;
        const invokes = MODEL_INVOKE.filter((a) => coversAction(s, a));
        if (invokes.length === 0) continue;
        const guard = s.conditions.find((c) => c.key === "bedrock:guardrailidentifier" && !c.ifExists && !c.base.includes("not") && c.base !== "null");
        if (!guard || (asStringList(guard.values).values.length === 0 && !guard.hasUnknown)) {
          ctx.violation(`Statement[${s.index + 1}]::GuardrailIdentifier`, `${where.label} ${describeStatement(s)} allows ${invokes.join(", ")} without a \`bedrock:GuardrailIdentifier\` condition.`, {
            property: where.property,
          });
        }
      }
    });
  },
};
