/**
 * Entry → API Gateway v2 route → its integration's Lambda or role. A route without
 * `authorizationType` is `NONE`: anyone can call it.
 */
import { T } from "../../../model/resource";
import type { BuildContext } from "../context";
import { authorizedDoor, integrationTargets } from "./rest-api";

const INTEGRATION = new Set([T.httpApiIntegration]);

const FUNCTION = new Set([T.lambdaFunction]);

/** Quick create: an HTTP API with `target` gets a default route with no authorization. */
function quickCreateEdges(ctx: BuildContext): void {
  for (const api of ctx.view.byType(T.httpApi)) {
    const target = api.properties.target;
    if (target === undefined || target === null || target === "") continue;
    const door = ctx.resourceNode(api, "compute");
    ctx.edge({ from: ctx.entryNode("anonymous", "anyone on the internet"), to: door, kind: "enters", label: "NONE", via: api, property: "target", unauthenticated: true });
    for (const f of ctx.index.follow(api, "target", target, FUNCTION)) ctx.edge({ from: door, to: ctx.resourceNode(f, "compute"), kind: "invokes", via: api, property: "target" });
    for (const role of ctx.roles(api, "credentialsArn", api.properties.credentialsArn)) ctx.edge({ from: door, to: ctx.principalNode(role), kind: "runs-as", via: api, property: "credentialsArn" });
  }
}

export function httpApiEdges(ctx: BuildContext): void {
  quickCreateEdges(ctx);
  for (const route of ctx.view.byType(T.httpApiRoute)) {
    const raw = route.properties.authorizationType;
    const door = authorizedDoor(ctx, route, "authorizationType", raw === undefined || raw === null ? "NONE" : raw);
    // `target` is `integrations/<integration id>`.
    const target = route.properties.target;
    const id = typeof target === "string" ? target.replace(/^integrations\//, "") : target;
    for (const i of ctx.index.follow(route, "target", id, INTEGRATION)) integrationTargets(ctx, i, "integrationUri", "credentialsArn", door);
  }
}
