import { T } from "../model/resource";
import type { StackRule } from "../engine/types";
import { accessGraphOf, describePath } from "../stack/graph";
import type { AccessGraph, GraphEdge } from "../stack/graph";

/** Types whose configuration is a front door (not the principal's own trust, judged by AAG-006/013). */
const FRONT_DOORS: ReadonlySet<string> = new Set([
  T.lambdaFunctionUrl,
  T.lambdaPermission,
  T.restApiMethod,
  T.httpApiRoute,
  T.httpApi,
  T.cognitoIdentityPool,
  T.cognitoIdentityPoolRoles,
  T.agentcoreGateway,
  T.agentcoreRuntime,
  T.agentcoreResourcePolicy,
  T.secretPolicy,
]);

/** What the path ends on: the services a principal reaches, or the AI resource itself. */
function reachOf(graph: AccessGraph, path: readonly string[]): string {
  const last = path[path.length - 1];
  if (!graph.nodes.get(last)?.principal) return "";
  const reach = graph.outgoing(last).filter((e) => e.kind === "reaches");
  const shown = reach.slice(0, 2).map((e) => `${e.label} on ${graph.nodes.get(e.to)?.label ?? "?"}`);
  return `, which may call ${shown.join("; ")}${reach.length > 2 ? ` and ${reach.length - 2} more` : ""}`;
}

function why(e: GraphEdge, graph: AccessGraph): string {
  const entry = graph.nodes.get(e.from);
  if (entry?.entry === "jwt") return `accepts ${entry.label} (no \`allowedAudiences\` or \`allowedClients\`)`;
  if (entry?.entry === "cognito-guest") return "gives unauthenticated Cognito identities (guests) credentials";
  if (e.via.type === T.lambdaPermission) return `grants ${String(e.via.properties.action ?? "lambda:InvokeFunction")} to Principal "*" with no \`sourceArn\`, \`sourceAccount\` or \`principalOrgId\``;
  if (e.via.type === T.agentcoreResourcePolicy || e.via.type === T.secretPolicy) return `has a resource policy for Principal "*" with no organisation, account or source condition`;
  return `has ${e.property ?? "authorization"} ${e.label ?? "NONE"}: anyone on the internet can call it`;
}

export const noUnauthenticatedAiEntry: StackRule = {
  kind: "stack",
  id: "AAG-020",
  name: "no-unauthenticated-ai-entry",
  title: "No unauthenticated front door (function URL, Lambda permission, API route, AgentCore authorizer, resource policy) reaches AI",
  severity: "critical",
  defaultLevel: "mandatory",
  frameworks: { owaspNhi: ["NHI5", "NHI6"], owaspAgentic: ["ASI03", "ASI02"], nistCsf: ["PR.AA-03", "PR.AA-05"], nistAiRmf: ["MEASURE 2.7", "MAP 4.2"] },
  why:
    "A front door without authentication turns the role behind it into a public credential: anyone who finds the " +
    "function URL, API route or gateway endpoint invokes models, agents and tools at the owner's cost and with " +
    "the role's data access (LLMjacking without stealing a key). A JWT authorizer that names no audience or client " +
    "accepts every token its identity provider signs, for any app.",
  fix:
    "Require authentication on the door: Lambda function URLs `authorizationType: \"AWS_IAM\"`; Lambda permissions " +
    "for a service principal with `sourceArn` (or `principalOrgId`); API Gateway methods and routes with an IAM, " +
    "Cognito, JWT or Lambda authorizer; AgentCore gateways `authorizerType: \"CUSTOM_JWT\"` or `AWS_IAM`; JWT " +
    "authorizers with `allowedAudiences` or `allowedClients`; resource policies with named principals or an " +
    "`aws:PrincipalOrgID` condition; Cognito identity pools without guest access for AI roles.",
  appliesTo: [...FRONT_DOORS],
  checkStack(view, ctx) {
    const graph = accessGraphOf(view, ctx.config);
    for (const e of graph.edges) {
      if (e.kind !== "enters" || !FRONT_DOORS.has(e.via.type)) continue;
      const entry = graph.nodes.get(e.from);
      if (!e.unauthenticated && entry?.entry !== "unknown") continue;
      const path = graph.pathToAi(e.to);
      if (!path) continue;
      const route = describePath(graph, [e.from, ...path]);
      if (!e.unauthenticated) {
        ctx.cannotValidate(e.via, e.property ?? "authorization", `decides who may call a path to AI (${route}), and its ${e.property ?? "authorization"} is not known until apply.`);
        continue;
      }
      ctx.violation(e.via, `Unauthenticated::${entry?.entry ?? "anonymous"}`, `${why(e, graph)}, and the path reaches AI: ${route}${reachOf(graph, path)}.`, { property: e.property });
    }
  },
};
