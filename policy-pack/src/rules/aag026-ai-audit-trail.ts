import { T, type ResourceModel } from "../model/resource";
import { asStringList, isUnknown } from "../model/values";
import { blocks } from "../model/blocks";
import type { StackRule } from "../engine/types";

const INVOKE = /^bedrock:(InvokeModel|InvokeModelWithResponseStream|Converse|ConverseStream|InvokeAgent|Retrieve|RetrieveAndGenerate|InvokeFlow|\*)$/i;
const BEDROCK_AGENT_TYPES = [T.bedrockAgent, T.bedrockKnowledgeBase, T.bedrockFlow];
const AGENTCORE_TYPES = [T.agentcoreRuntime, T.agentcoreGateway];

interface TrailCoverage {
  readonly management: boolean;
  readonly bedrockData: boolean;
  readonly agentcoreData: boolean;
  readonly unknown: boolean;
}

/** What one trail logs, read from its advanced (or basic) event selectors. */
export function trailCoverage(trail: ResourceModel): TrailCoverage {
  const p = trail.properties;
  if (p.enableLogging === false) return { management: false, bedrockData: false, agentcoreData: false, unknown: false };
  if (isUnknown(p.advancedEventSelectors) || isUnknown(p.eventSelectors)) return { management: false, bedrockData: false, agentcoreData: false, unknown: true };
  const advanced = blocks(p.advancedEventSelectors);
  if (advanced.length === 0) {
    // Basic selectors (or none): management events unless switched off; data events only for S3, Lambda, DynamoDB.
    const basic = blocks(p.eventSelectors);
    const management = basic.length === 0 || basic.some((b) => b.includeManagementEvents !== false);
    return { management, bedrockData: false, agentcoreData: false, unknown: false };
  }
  let management = false;
  let bedrockData = false;
  let agentcoreData = false;
  for (const sel of advanced) {
    const fields = blocks(sel.fieldSelectors);
    const equalsOf = (name: string) => fields.filter((f) => f.field === name).flatMap((f) => asStringList(f.equals).values);
    const category = equalsOf("eventCategory");
    if (category.includes("Management")) management = true;
    if (!category.includes("Data")) continue;
    const types = fields.filter((f) => f.field === "resources.type");
    const covers = (prefix: string) => types.some((f) => asStringList(f.equals).values.some((v) => v.startsWith(prefix)) || asStringList(f.startsWiths).values.some((v) => v.startsWith(prefix) || prefix.startsWith(v)));
    if (covers("AWS::Bedrock::")) bedrockData = true;
    if (covers("AWS::BedrockAgentCore::")) agentcoreData = true;
  }
  return { management, bedrockData, agentcoreData, unknown: false };
}

export const aiAuditTrail: StackRule = {
  kind: "stack",
  id: "AAG-026",
  name: "ai-audit-trail",
  title: "A CloudTrail trail records management events and Bedrock / AgentCore data events where models or agents are invoked",
  severity: "medium",
  defaultLevel: "advisory",
  frameworks: { owaspNhi: ["NHI6"], owaspAgentic: ["ASI08", "ASI10"], nistCsf: ["DE.CM-09", "DE.AE-03"], nistAiRmf: ["MEASURE 2.4", "MANAGE 4.1"] },
  why:
    "To answer \"who used this key, which token, to call what\" after a leak, the token issuance (STS, AgentCore " +
    "identity), the model calls (management events) and the agent, knowledge-base, runtime and gateway calls " +
    "(data events, off by default) must land in one trail. Invocation logs alone do not show which role's " +
    "session, minted from which federated token, made the call.",
  fix:
    "Add a trail (multi-region or organisation) with advanced event selectors: one for `eventCategory = Management`, " +
    "and `eventCategory = Data` with `resources.type` for the Bedrock (`AWS::Bedrock::AgentAlias`, " +
    "`AWS::Bedrock::KnowledgeBase`, …) and AgentCore (`AWS::BedrockAgentCore::…`) resources you use, or say where " +
    "the trail is managed with this policy's `managedElsewhere` setting.",
  appliesTo: [T.cloudTrail, ...BEDROCK_AGENT_TYPES, ...AGENTCORE_TYPES],
  config: {
    managedElsewhere: { type: "string", default: "", description: "Where the CloudTrail trail covering AI calls is configured if not in this stack (e.g. `organisation trail in the audit account`)." },
  },
  checkStack(view, ctx) {
    if (typeof ctx.config.managedElsewhere === "string" && ctx.config.managedElsewhere.trim() !== "") return;
    const invoker = view.principals.find((p) => p.aiReach.some((r) => r.service === "bedrock" && (r.allActions || r.actions.some((a) => INVOKE.test(a)))));
    const agent = BEDROCK_AGENT_TYPES.flatMap((t) => view.byType(t))[0];
    const agentcore = AGENTCORE_TYPES.flatMap((t) => view.byType(t))[0];
    if (!invoker && !agent && !agentcore) return;
    const trails = view.byType(T.cloudTrail);
    const coverage = trails.map(trailCoverage);
    const subject = agentcore ?? agent ?? invoker!.resource;
    if (coverage.some((c) => c.unknown)) {
      const t = trails[coverage.findIndex((c) => c.unknown)];
      ctx.cannotValidate(t, "advancedEventSelectors", "the trail's event selectors are not known until apply.");
      return;
    }
    const any = (k: keyof TrailCoverage) => coverage.some((c) => c[k]);
    if (trails.length === 0) {
      // Model calls and STS token issuance are management events, which every trail (an organisation
      // trail included) records by default. Agent, knowledge-base, runtime and gateway calls are data
      // events, which no trail records unless told to: only then is a missing trail a finding.
      if (agent || agentcore) ctx.violation(subject, "Trail::missing", `hosts ${subject.type.split(":").pop()} "${subject.name}", whose calls are CloudTrail data events (off by default), and the stack has no trail that records them (nor says where one is managed).`, { property: "trail" });
      return;
    }
    const at = trails[0];
    if (!any("management")) ctx.violation(at, "Trail::management-events", "records no management events, so STS token issuance and model invocations are not in the trail.", { property: "advancedEventSelectors" });
    if (agent && !any("bedrockData")) ctx.violation(at, "Trail::bedrock-data-events", `records no Bedrock data events (\`resources.type\` AWS::Bedrock::…), and the stack has ${agent.type.split(":").pop()} "${agent.name}": its invocations are not in the trail.`, { property: "advancedEventSelectors" });
    if (agentcore && !any("agentcoreData")) ctx.violation(at, "Trail::agentcore-data-events", `records no AgentCore data events (\`resources.type\` AWS::BedrockAgentCore::…), and the stack has ${agentcore.type.split(":").pop()} "${agentcore.name}": its calls are not in the trail.`, { property: "advancedEventSelectors" });
  },
};
