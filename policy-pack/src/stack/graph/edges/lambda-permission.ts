/**
 * Entry → Lambda through a resource-based permission. `Principal: "*"` with no source condition is
 * anyone (with `lambda:InvokeFunctionUrl` and auth type NONE, anyone on the internet); a service
 * principal pinned by `sourceArn`/`sourceAccount` is that service acting for that resource.
 */
import { T, type ResourceModel } from "../../../model/resource";
import { isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";

const FUNCTION = new Set([T.lambdaFunction]);

const str = (v: unknown) => (typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined);

/** The permission lets any caller in: principal `*` and nothing that pins the source or organisation. */
export function permissionIsOpen(p: ResourceModel): boolean {
  const props = p.properties;
  if (props.principal !== "*") return false;
  return !(props.sourceArn || props.sourceAccount || props.principalOrgId || props.functionUrlAuthType === "AWS_IAM");
}

export function lambdaPermissionEdges(ctx: BuildContext): void {
  for (const perm of ctx.view.byType(T.lambdaPermission)) {
    const props = perm.properties;
    const principal = str(props.principal);
    const open = permissionIsOpen(perm);
    const from = open
      ? ctx.entryNode("anonymous", props.action === "lambda:InvokeFunctionUrl" ? "anyone on the internet" : "any AWS account (Principal *)")
      : principal === undefined
        ? ctx.entryNode("unknown", "principal not known until apply")
        : principal.endsWith(".amazonaws.com")
          ? ctx.entryNode("aws-service", principal)
          : ctx.entryNode(principal === "*" ? "aws-principal" : "aws-account", principal === "*" ? `* (pinned by ${str(props.sourceArn) ?? str(props.sourceAccount) ?? str(props.principalOrgId) ?? "condition"})` : principal);
    for (const f of ctx.index.follow(perm, "function", props.function, FUNCTION)) {
      ctx.edge({
        from,
        to: ctx.resourceNode(f, "compute"),
        kind: "enters",
        label: str(props.action) ?? "lambda:InvokeFunction",
        via: perm,
        property: "principal",
        unauthenticated: open,
        detail: str(props.sourceArn),
      });
    }
  }
}
