/**
 * Cognito guest → role: an identity pool that allows unauthenticated identities hands its
 * `unauthenticated` role's credentials to anyone who asks.
 */
import { T } from "../../../model/resource";
import { isRecord, isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";

const POOL = new Set([T.cognitoIdentityPool]);

export function cognitoGuestEdges(ctx: BuildContext): void {
  for (const a of ctx.view.byType(T.cognitoIdentityPoolRoles)) {
    const roles = a.properties.roles;
    if (!isRecord(roles)) continue;
    const pools = ctx.index.follow(a, "identityPoolId", a.properties.identityPoolId, POOL);
    const guestsAllowed = pools.length === 0 || pools.some((p) => p.properties.allowUnauthenticatedIdentities === true);
    for (const [which, ref] of Object.entries(roles)) {
      const guest = which === "unauthenticated";
      // Unknown until apply: the property's dependencies name both roles, so only a single one is unambiguous.
      const found = ctx.roles(a, "roles", ref);
      for (const role of isUnknown(ref) && found.length > 1 ? [] : found) {
        ctx.edge({
          from: ctx.entryNode(guest ? "cognito-guest" : "jwt", guest ? "Cognito guest (unauthenticated identity)" : "Cognito signed-in user"),
          to: ctx.principalNode(role),
          kind: "enters",
          label: guest ? "guest credentials" : "federates",
          via: guest && pools[0] && pools[0].properties.allowUnauthenticatedIdentities === true ? pools[0] : a,
          property: guest ? "allowUnauthenticatedIdentities" : "roles",
          unauthenticated: guest && guestsAllowed,
        });
      }
    }
  }
}
