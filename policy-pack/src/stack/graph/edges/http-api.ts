/**
 * Entry → API Gateway v2 route → its integration's Lambda or role. A route without
 * `authorizationType` is `NONE`: anyone can call it.
 */
import { T } from "../../../model/resource";
import { isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";
import { integrationTargets } from "./rest-api";

const INTEGRATION = new Set([T.httpApiIntegration]);

export function httpApiEdges(ctx: BuildContext): void {
  for (const route of ctx.view.byType(T.httpApiRoute)) {
    const raw = route.properties.authorizationType;
    const auth = raw === undefined || raw === null ? "NONE" : raw;
    const open = typeof auth === "string" && auth.toUpperCase() === "NONE";
    const door = ctx.resourceNode(route, "compute");
    ctx.edge({
      from: open ? ctx.entryNode("anonymous", "anyone on the internet") : ctx.entryNode(isUnknown(auth) ? "unknown" : "iam", isUnknown(auth) ? "authorization not known until apply" : `${String(auth)} authorizer`),
      to: door,
      kind: "enters",
      label: typeof auth === "string" ? auth : "?",
      via: route,
      property: "authorizationType",
      unauthenticated: open,
    });
    // `target` is `integrations/<integration id>`.
    const target = route.properties.target;
    const id = typeof target === "string" ? target.replace(/^integrations\//, "") : target;
    for (const i of ctx.index.follow(route, "target", id, INTEGRATION)) integrationTargets(ctx, i, "integrationUri", "credentialsArn", door);
  }
}
