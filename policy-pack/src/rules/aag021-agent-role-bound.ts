import { T, type ResourceModel } from "../model/resource";
import { containsUnknown } from "../model/values";
import type { StackRule } from "../engine/types";
import { parsePolicyDocument, type Statement } from "../iam/document";
import { coversAction } from "../iam/analysis";
import { isPinning } from "../iam/resource-policy";
import { wildcardMatches, hasWildcard } from "../iam/patterns";
import { accessGraphOf, AI_RESOURCE_TYPES } from "../stack/graph";
import type { PrincipalView } from "../stack/view";

/** The service principal that assumes the role for each AI resource type. */
const SERVICE: Readonly<Record<string, string>> = {
  [T.bedrockAgent]: "bedrock.amazonaws.com",
  [T.bedrockKnowledgeBase]: "bedrock.amazonaws.com",
  [T.bedrockFlow]: "bedrock.amazonaws.com",
  [T.agentcoreRuntime]: "bedrock-agentcore.amazonaws.com",
  [T.agentcoreGateway]: "bedrock-agentcore.amazonaws.com",
};

const ARN_PROPS = ["agentArn", "arn", "agentRuntimeArn", "gatewayArn"];

function arnOf(r: ResourceModel): string | undefined {
  for (const k of ARN_PROPS) {
    const v = r.properties[k];
    if (typeof v === "string" && v.startsWith("arn:") && !containsUnknown(v)) return v;
  }
  return undefined;
}

function serviceStatements(p: PrincipalView, service: string): Statement[] {
  const parsed = parsePolicyDocument(p.resource.properties.assumeRolePolicy);
  if (parsed.kind !== "ok") return [];
  return parsed.document.statements.filter(
    (s) => s.effect === "Allow" && s.principal && !s.principal.negated && (s.principal.byType.get("Service") ?? []).includes(service) && coversAction(s, "sts:AssumeRole"),
  );
}

/** ARN resource-type prefix per AI resource type (`agent/`, `runtime/`, …). */
const RESOURCE_PREFIX: Readonly<Record<string, string>> = {
  [T.bedrockAgent]: "agent/",
  [T.bedrockKnowledgeBase]: "knowledge-base/",
  [T.bedrockFlow]: "flow/",
  [T.agentcoreRuntime]: "runtime/",
  [T.agentcoreGateway]: "gateway/",
};

/** A SourceArn pattern that names the account and the resource type, with a wildcard only in the id. */
function ownTypeOnly(pattern: string, type: string): boolean {
  const parts = pattern.split(":");
  if (parts.length < 6 || /[*?]/.test(parts.slice(0, 5).join(":"))) return false;
  const resource = parts.slice(5).join(":");
  const prefix = RESOURCE_PREFIX[type];
  return prefix !== undefined && resource.startsWith(prefix) && !/[*?]/.test(resource.slice(0, prefix.length));
}

export const agentRoleBound: StackRule = {
  kind: "stack",
  id: "AAG-021",
  name: "agent-role-bound",
  title: "Agent, knowledge-base, flow and AgentCore roles trust only their own resource and are not shared",
  severity: "high",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5", "NHI9"], owaspAgentic: ["ASI03", "ASI07"], nistCsf: ["PR.AA-05"], nistAiRmf: ["MAP 4.2", "MEASURE 2.7"] },
  why:
    "An agent's role is the agent's whole reach. When its trust lets `bedrock.amazonaws.com` (or " +
    "`bedrock-agentcore.amazonaws.com`) assume it for any source, any agent in the account (or, without " +
    "`aws:SourceAccount`, in any account) can be configured to run with it: a confused deputy. One role shared " +
    "by two agents gives each the other's tools and data, so a prompt injection in the weaker one reaches both.",
  fix:
    "Give every agent, knowledge base, flow, runtime and gateway its own role whose trust names the service with " +
    "`StringEquals: {\"aws:SourceAccount\": \"<account>\"}` and `ArnLike: {\"aws:SourceArn\": \"<this resource's ARN>\"}`.",
  appliesTo: [...AI_RESOURCE_TYPES, T.role],
  checkStack(view, ctx) {
    const graph = accessGraphOf(view, ctx.config);
    const usersByRole = new Map<PrincipalView, ResourceModel[]>();
    for (const type of AI_RESOURCE_TYPES) {
      for (const r of view.byType(type)) {
        for (const e of graph.outgoing(r.urn)) {
          if (e.kind !== "runs-as") continue;
          const p = graph.nodes.get(e.to)?.principal;
          if (!p) continue;
          usersByRole.set(p, [...(usersByRole.get(p) ?? []), r]);
          const statements = serviceStatements(p, SERVICE[type]);
          const own = arnOf(r);
          for (const s of statements) {
            const pins = s.conditions.filter(isPinning);
            const sourceArn = pins.filter((c) => c.key === "aws:sourcearn");
            const sourceAccount = pins.some((c) => c.key === "aws:sourceaccount");
            const at = `trust policy statement ${s.index + 1}`;
            if (sourceArn.length === 0 && !sourceAccount) {
              ctx.violation(p.resource, `Trust::${r.name}`, `is the role of ${r.type.split(":").pop()} "${r.name}" and its ${at} lets ${SERVICE[type]} assume it from any account or resource (no \`aws:SourceArn\` or \`aws:SourceAccount\`).`, { property: "assumeRolePolicy" });
            } else if (sourceArn.length === 0) {
              ctx.violation(p.resource, `SourceArn::${r.name}`, `is the role of ${r.type.split(":").pop()} "${r.name}" and its ${at} is pinned to an account but not to the resource: any ${SERVICE[type]} resource in that account can use it.`, { property: "assumeRolePolicy", advisoryOnly: true });
            } else {
              // `…:<account>:agent/*` (or `runtime/*`, `gateway/*`) is as narrow as a trust can be before the
              // resource exists (its id is generated); only a pattern that also covers other resource types or
              // accounts is broader than that.
              const values = sourceArn.flatMap((c) => c.values);
              const broad = values.filter((v) => hasWildcard(v) && !ownTypeOnly(v, type) && (!own || !values.some((x) => !hasWildcard(x) && x === own)));
              if (broad.length > 0 && broad.length === values.length) {
                ctx.violation(p.resource, `SourceArn::${r.name}`, `is the role of ${r.type.split(":").pop()} "${r.name}" and its ${at} pins \`aws:SourceArn\` only to ${broad.join(", ")}, which ${own && broad.some((b) => wildcardMatches(b, own)) ? "also matches" : "matches"} other resources.`, { property: "assumeRolePolicy", advisoryOnly: true });
              }
            }
          }
        }
      }
    }
    for (const [p, users] of usersByRole) {
      if (users.length < 2) continue;
      const names = users.map((u) => `${u.type.split(":").pop()} "${u.name}"`);
      ctx.violation(p.resource, "Shared", `is the role of ${users.length} AI resources (${names.join(", ")}): each runs with the others' tools and data.`, { property: "assumeRolePolicy" });
    }
  },
};
