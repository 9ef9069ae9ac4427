/**
 * Entry → API Gateway REST method → its integration's Lambda or role. `authorization: NONE` lets
 * anyone call the method (an API key is a usage plan, not authentication).
 */
import { T, type ResourceModel } from "../../../model/resource";
import { isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";

const FUNCTION = new Set([T.lambdaFunction]);

/** `arn:aws:apigateway:r:lambda:path/2015-03-31/functions/<function ARN>/invocations` → the function ARN. */
export function functionArnInUri(uri: unknown): string | undefined {
  if (typeof uri !== "string") return undefined;
  const m = /:lambda:path\/[^/]+\/functions\/(arn:[^/]+)\/invocations/.exec(uri);
  return m ? m[1] : uri.startsWith("arn:") && uri.includes(":function:") ? uri : undefined;
}

/** The integration's targets: the Lambda it calls and the role it calls AWS services with. */
export function integrationTargets(ctx: BuildContext, integration: ResourceModel, uriProp: string, credentialsProp: string, from: string): void {
  const node = ctx.resourceNode(integration, "compute");
  ctx.edge({ from, to: node, kind: "invokes", via: integration });
  const uri = integration.properties[uriProp];
  for (const f of ctx.index.follow(integration, uriProp, functionArnInUri(uri) ?? uri, FUNCTION)) {
    ctx.edge({ from: node, to: ctx.resourceNode(f, "compute"), kind: "invokes", via: integration, property: uriProp });
  }
  for (const role of ctx.roles(integration, credentialsProp, integration.properties[credentialsProp])) {
    ctx.edge({ from: node, to: ctx.principalNode(role), kind: "runs-as", via: integration, property: credentialsProp });
  }
}

/** The door node of a method or route, entered by whoever its authorization lets in (`NONE`: anyone). */
export function authorizedDoor(ctx: BuildContext, door: ResourceModel, property: string, auth: unknown): string {
  const open = typeof auth === "string" && auth.toUpperCase() === "NONE";
  const id = ctx.resourceNode(door, "compute");
  ctx.edge({
    from: open ? ctx.entryNode("anonymous", "anyone on the internet") : ctx.entryNode(isUnknown(auth) ? "unknown" : "iam", isUnknown(auth) ? "authorization not known until apply" : `${String(auth)} authorizer`),
    to: id,
    kind: "enters",
    label: typeof auth === "string" ? auth : "?",
    via: door,
    property,
    unauthenticated: open,
  });
  return id;
}

const key = (r: ResourceModel) => [r.properties.restApi, r.properties.resourceId, r.properties.httpMethod].map(String).join("|");

export function restApiEdges(ctx: BuildContext): void {
  const integrations = new Map<string, ResourceModel[]>();
  for (const i of ctx.view.byType(T.restApiIntegration)) integrations.set(key(i), [...(integrations.get(key(i)) ?? []), i]);
  for (const m of ctx.view.byType(T.restApiMethod)) {
    const door = authorizedDoor(ctx, m, "authorization", m.properties.authorization);
    for (const i of integrations.get(key(m)) ?? []) integrationTargets(ctx, i, "uri", "credentials", door);
  }
}
