/**
 * Entry → AgentCore runtime or gateway, from its inbound authorizer. A gateway with
 * `authorizerType: NONE` takes anyone; a custom JWT authorizer that lists neither audiences nor
 * clients accepts every token its issuer signs (any app, any user of that identity provider); no
 * authorizer on a runtime means IAM (SigV4) callers.
 */
import { T, type ResourceModel } from "../../../model/resource";
import { block } from "../../../model/blocks";
import { asStringList, isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";

export type InboundAuth =
  | { kind: "none" }
  | { kind: "iam" }
  | { kind: "unknown" }
  | { kind: "jwt"; discoveryUrl: string; audiences: string[]; clients: string[]; unpinned: boolean };

export function inboundAuth(r: ResourceModel): InboundAuth {
  const props = r.properties;
  if (r.type === T.agentcoreGateway) {
    const t = props.authorizerType;
    if (isUnknown(t)) return { kind: "unknown" };
    if (t === "NONE") return { kind: "none" };
    if (t === "AWS_IAM") return { kind: "iam" };
  }
  const cfg = props.authorizerConfiguration;
  if (isUnknown(cfg)) return { kind: "unknown" };
  const jwt = block(cfg, "customJwtAuthorizer");
  if (!jwt) return r.type === T.agentcoreGateway ? { kind: "unknown" } : { kind: "iam" };
  const audiences = asStringList(jwt.allowedAudiences);
  const clients = asStringList(jwt.allowedClients);
  const discoveryUrl = typeof jwt.discoveryUrl === "string" ? jwt.discoveryUrl : "the issuer";
  if (audiences.unknown || clients.unknown) return { kind: "unknown" };
  return { kind: "jwt", discoveryUrl, audiences: audiences.values, clients: clients.values, unpinned: audiences.values.length === 0 && clients.values.length === 0 };
}

export function agentcoreAuthorizerEdges(ctx: BuildContext): void {
  for (const r of [...ctx.view.byType(T.agentcoreRuntime), ...ctx.view.byType(T.agentcoreGateway)]) {
    const auth = inboundAuth(r);
    const to = ctx.resourceNode(r, "agent");
    const property = r.type === T.agentcoreGateway && auth.kind !== "jwt" ? "authorizerType" : "authorizerConfiguration";
    if (auth.kind === "none") ctx.edge({ from: ctx.entryNode("anonymous", "anyone on the internet"), to, kind: "enters", label: "NONE", via: r, property, unauthenticated: true });
    else if (auth.kind === "iam") ctx.edge({ from: ctx.entryNode("iam", "IAM-signed callers"), to, kind: "enters", label: "AWS_IAM", via: r, property });
    else if (auth.kind === "unknown") ctx.edge({ from: ctx.entryNode("unknown", "authorizer not known until apply"), to, kind: "enters", via: r, property });
    else {
      const who = auth.unpinned ? `any token from ${auth.discoveryUrl}` : `JWT ${[...auth.audiences, ...auth.clients].join(", ")}`;
      ctx.edge({ from: ctx.entryNode("jwt", who), to, kind: "enters", label: "CUSTOM_JWT", via: r, property, unauthenticated: auth.unpinned });
    }
  }
}
