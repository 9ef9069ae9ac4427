/** Principal → AI secret: who may read a secret that holds a third-party AI provider key. */
import { T } from "../../../model/resource";
import { aiProviderKeyword } from "../../../engine/ai-secrets";
import { readersOf } from "../../secrets";
import { coversAction } from "../../../iam/analysis";
import type { BuildContext } from "../context";

export function aiSecretEdges(ctx: BuildContext): void {
  const keywords = Array.isArray(ctx.config.aiSecretKeywords) ? (ctx.config.aiSecretKeywords as string[]) : undefined;
  for (const secret of ctx.view.byType(T.secret)) {
    if (!aiProviderKeyword(secret, keywords)) continue;
    const to = ctx.resourceNode(secret, "data");
    for (const p of readersOf(secret, ctx.view)) {
      const grant = p.grants.find((g) => g.document?.statements.some((s) => s.effect === "Allow" && coversAction(s, "secretsmanager:GetSecretValue")));
      ctx.edge({ from: ctx.principalNode(p), to, kind: "reads", label: "secretsmanager:GetSecretValue", via: (grant && ctx.index.byUrn(grant.sourceUrn)) || p.resource });
    }
  }
}
