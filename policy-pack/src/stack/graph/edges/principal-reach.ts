/**
 * Principal → AI resources, from the view's AI reach (which AI actions on which resources). The
 * graph never re-derives permissions: what a principal may call is the iam/ layer's answer.
 */
import type { BuildContext } from "../context";

function shortResource(r: string): string {
  // arn:aws:bedrock:us-east-1::foundation-model/anthropic.x → foundation-model/anthropic.x
  const m = /^(not )?arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(r);
  return m ? `${m[1] ?? ""}${m[2]}` : r;
}

export function principalReachEdges(ctx: BuildContext): void {
  for (const p of ctx.view.principals) {
    const grantUrn = new Map(p.grants.map((g) => [g.source, g.sourceUrn]));
    for (const reach of p.aiReach) {
      const target = reach.resources.length === 0 ? "*" : reach.resources.map(shortResource).join(", ");
      const actions = reach.allActions
        ? `${reach.service}:*`
        : reach.actions.length <= 2
          ? reach.actions.join(", ")
          : `${reach.actions.slice(0, 2).join(", ")} +${reach.actions.length - 2}`;
      const src = grantUrn.get(reach.source);
      ctx.edge({
        from: ctx.principalNode(p),
        to: ctx.syntheticNode("ai", `${reach.service}|${target}`, `${reach.service}: ${target}`),
        kind: "reaches",
        label: actions,
        via: (src && ctx.index.byUrn(src)) || p.resource,
        property: src === p.urn ? "inlinePolicies" : "policy",
        detail: reach.statement,
        actions: reach.actions,
        resources: reach.resources,
      });
    }
  }
}
