/** Principal → AI secret: who may read a secret that holds a third-party AI provider key. */
import { T, type ResourceModel } from "../../../model/resource";
import type { PrincipalView, StackView } from "../../view";
import { aiProviderKeyword } from "../../../engine/ai-secrets";
import { readersOf } from "../../secrets";
import { coversAction } from "../../../iam/analysis";
import type { BuildContext } from "../context";

/** The secrets of the stack that hold a third-party AI provider key (by name, description or tags). */
export function aiSecretsOf(view: StackView, config: Readonly<Record<string, unknown>>): ResourceModel[] {
  const keywords = Array.isArray(config.aiSecretKeywords) ? (config.aiSecretKeywords as string[]) : undefined;
  return view.byType(T.secret).filter((s) => aiProviderKeyword(s, keywords) !== undefined);
}

export interface SecretReadOptions {
  /** Only these principals (URNs) get edges: the access map draws a bounded set of principals. */
  readonly principals?: ReadonlySet<string>;
  /** At most this many secrets per principal; the rest become one "N more AI secrets" node. */
  readonly maxPerPrincipal?: number;
  /** The AI secrets, when the caller has found them already (`aiSecretsOf`). */
  readonly secrets?: readonly ResourceModel[];
}

/** A builder of `reads` edges from principals to the AI secrets they may read. */
export function aiSecretEdgesFor(opts: SecretReadOptions = {}): (ctx: BuildContext) => void {
  return (ctx) => {
    // The grant that lets a principal read secrets does not depend on the secret: found once per principal.
    const via = new Map<PrincipalView, ResourceModel>();
    const viaOf = (p: PrincipalView): ResourceModel => {
      let hit = via.get(p);
      if (!hit) {
        const grant = p.grants.find((g) => g.document?.statements.some((s) => s.effect === "Allow" && coversAction(s, "secretsmanager:GetSecretValue")));
        via.set(p, (hit = (grant && ctx.index.byUrn(grant.sourceUrn)) || p.resource));
      }
      return hit;
    };
    const drawn = new Map<PrincipalView, number>();
    for (const secret of opts.secrets ?? aiSecretsOf(ctx.view, ctx.config)) {
      const to = ctx.resourceNode(secret, "data");
      for (const p of readersOf(secret, ctx.view)) {
        if (opts.principals && !opts.principals.has(p.urn)) continue;
        const n = (drawn.get(p) ?? 0) + 1;
        drawn.set(p, n);
        if (opts.maxPerPrincipal === undefined || n <= opts.maxPerPrincipal) {
          ctx.edge({ from: ctx.principalNode(p), to, kind: "reads", label: "secretsmanager:GetSecretValue", via: viaOf(p) });
        }
      }
    }
    if (opts.maxPerPrincipal === undefined) return;
    for (const [p, n] of drawn) {
      if (n <= opts.maxPerPrincipal) continue;
      const more = n - opts.maxPerPrincipal;
      const to = ctx.syntheticNode("data", `more-secrets|${p.urn}`, `${more} more AI secret${more === 1 ? "" : "s"}`);
      ctx.edge({ from: ctx.principalNode(p), to, kind: "reads", label: "secretsmanager:GetSecretValue", via: viaOf(p) });
    }
  };
}

/** Every principal → every AI secret it may read. */
export const aiSecretEdges = aiSecretEdgesFor();
