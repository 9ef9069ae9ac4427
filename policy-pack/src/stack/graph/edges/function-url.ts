/** Entry → Lambda through a function URL: `NONE` lets anyone on the internet call it; `AWS_IAM` needs SigV4. */
import { T } from "../../../model/resource";
import { isUnknown } from "../../../model/values";
import type { BuildContext } from "../context";

const FUNCTION = new Set([T.lambdaFunction]);

export function functionUrlEdges(ctx: BuildContext): void {
  for (const url of ctx.view.byType(T.lambdaFunctionUrl)) {
    const auth = url.properties.authorizationType;
    const open = auth === "NONE";
    const door = ctx.resourceNode(url, "compute");
    ctx.edge({
      from: open ? ctx.entryNode("anonymous", "anyone on the internet") : ctx.entryNode(isUnknown(auth) ? "unknown" : "iam", isUnknown(auth) ? "authorization not known until apply" : "IAM-signed callers"),
      to: door,
      kind: "enters",
      label: typeof auth === "string" && !isUnknown(auth) ? auth : "?",
      via: url,
      property: "authorizationType",
      unauthenticated: open,
    });
    for (const f of ctx.index.follow(url, "functionName", url.properties.functionName, FUNCTION)) {
      ctx.edge({ from: door, to: ctx.resourceNode(f, "compute"), kind: "invokes", via: url, property: "functionName" });
    }
  }
}
