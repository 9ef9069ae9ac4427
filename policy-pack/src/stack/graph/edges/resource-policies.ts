/**
 * Entry → AI resource through a resource-based policy: an AgentCore resource policy on a runtime or
 * gateway, a secret policy on an AI secret. `Principal: "*"` or another account without a pinning
 * condition is an open door (see iam/resource-policy.ts for what pins).
 */
import { T, type ResourceModel } from "../../../model/resource";
import { parsePolicyDocument } from "../../../iam/document";
import { openPrincipals } from "../../../iam/resource-policy";
import type { BuildContext } from "../context";
import type { NodeKind } from "../types";
import { ownAccounts } from "../accounts";

const TARGETS: ReadonlyArray<{ type: string; targetProp: string; targets: ReadonlySet<string>; kind: NodeKind }> = [
  { type: T.agentcoreResourcePolicy, targetProp: "resourceArn", targets: new Set([T.agentcoreRuntime, T.agentcoreGateway]), kind: "agent" },
  { type: T.secretPolicy, targetProp: "secretArn", targets: new Set([T.secret]), kind: "data" },
];

export function resourcePolicyEdges(ctx: BuildContext): void {
  const own = ownAccounts(ctx.view.resources);
  for (const spec of TARGETS) {
    for (const pol of ctx.view.byType(spec.type)) {
      const targets = ctx.index.follow(pol, spec.targetProp, pol.properties[spec.targetProp], spec.targets);
      const parsed = parsePolicyDocument(pol.properties.policy);
      if (parsed.kind !== "ok") continue;
      for (const s of parsed.document.statements) {
        for (const o of openPrincipals(s, own)) {
          for (const t of targets) addOpen(ctx, pol, t, spec.kind, o.value, o.why === "anyone");
        }
      }
    }
  }
}

function addOpen(ctx: BuildContext, pol: ResourceModel, target: ResourceModel, kind: NodeKind, who: string, anyone: boolean): void {
  ctx.edge({
    from: anyone ? ctx.entryNode("anonymous", "anyone (Principal *)") : ctx.entryNode("aws-account", who),
    to: ctx.resourceNode(target, kind),
    kind: "enters",
    label: "resource policy",
    via: pol,
    property: "policy",
    unauthenticated: anyone,
  });
}
