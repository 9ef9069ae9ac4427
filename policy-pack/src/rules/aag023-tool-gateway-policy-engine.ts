import { T } from "../model/resource";
import { block } from "../model/blocks";
import { isUnknown } from "../model/values";
import type { ResourceRule } from "../engine/types";

export const toolGatewayPolicyEngine: ResourceRule = {
  kind: "resource",
  id: "AAG-023",
  name: "tool-gateway-policy-enforced",
  title: "AgentCore gateways enforce a policy engine on tool calls (ENFORCE, not LOG_ONLY or none)",
  severity: "high",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: [], owaspAgentic: ["ASI02", "ASI01"], nistCsf: ["PR.AA-05", "PR.PS-01"], nistAiRmf: ["MANAGE 2.4", "MAP 3.5"] },
  why:
    "The gateway is the only place that sees every tool call an agent makes. Without a policy engine in ENFORCE " +
    "mode, a prompt-injected agent may call any tool behind it with any arguments; LOG_ONLY records the call " +
    "and lets it through.",
  fix:
    "Attach an AgentCore policy engine with Cedar policies that allow only the tools and arguments each agent " +
    "needs: `policyEngineConfiguration: { arn: <policy engine ARN>, mode: \"ENFORCE\" }`.",
  appliesTo: [T.agentcoreGateway],
  check(resource, ctx) {
    const raw = resource.properties.policyEngineConfiguration;
    if (isUnknown(raw)) {
      ctx.cannotValidate("policyEngineConfiguration", "the gateway's policy engine configuration is not known until apply.");
      return;
    }
    const cfg = block(raw);
    if (!cfg) {
      ctx.violation("PolicyEngine::missing", "has no policy engine: every tool behind it can be called by any agent that reaches the gateway, with any arguments.", { property: "policyEngineConfiguration" });
      return;
    }
    if (isUnknown(cfg.mode)) ctx.cannotValidate("policyEngineConfiguration", "the policy engine's mode is not known until apply.");
    else if (cfg.mode !== "ENFORCE") {
      ctx.violation(`PolicyEngine::${String(cfg.mode ?? "unset")}`, `runs its policy engine in ${String(cfg.mode ?? "no")} mode: decisions are recorded, not enforced.`, { property: "policyEngineConfiguration" });
    }
  },
};
