/**
 * Entry point → principal, from the stack view's entry points (trust policies, access keys,
 * service credentials, console logins, pod identity). A pod-identity role enters once: through its
 * association (namespace/service account), not also through the `pods.eks.amazonaws.com` trust
 * statement that only makes the association possible.
 */
import type { EntryPoint, EntryPointKind } from "../../view";
import type { BuildContext } from "../context";
import type { EntryKind } from "../types";

const KIND: Record<EntryPointKind, EntryKind> = {
  oidc: "oidc",
  saml: "saml",
  service: "aws-service",
  "aws-account": "aws-account",
  "aws-principal": "aws-principal",
  anyone: "anonymous",
  "access-key": "access-key",
  "service-credential": "access-key",
  "console-login": "iam",
  "eks-pod-identity": "pod",
  "group-member": "group-member",
  unknown: "unknown",
};

function label(e: EntryPoint): string {
  return e.kind === "access-key" || e.kind === "service-credential" ? "static key" : e.kind === "oidc" || e.kind === "saml" ? "federates" : "assumes";
}

export function principalEntryEdges(ctx: BuildContext): void {
  for (const p of ctx.view.principals) {
    const viaPods = p.entryPoints.some((e) => e.kind === "eks-pod-identity");
    for (const e of p.entryPoints) {
      if (viaPods && e.kind === "service" && e.label === "pods.eks.amazonaws.com") continue;
      const via = e.sourceUrn === p.urn ? p.resource : (ctx.index.byUrn(e.sourceUrn) ?? p.resource);
      ctx.edge({
        from: ctx.entryNode(KIND[e.kind], e.label),
        to: ctx.principalNode(p),
        kind: "enters",
        label: label(e),
        via,
        property: e.sourceUrn === p.urn ? "assumeRolePolicy" : undefined,
        unauthenticated: e.kind === "anyone" && !e.detail,
        detail: e.detail,
      });
    }
  }
}
