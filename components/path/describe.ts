/** The description of an AI access path that reports show (pure, serialisable). */
import type { AiGrant } from "../access/policy";

export interface AiAccessPathDescription {
  readonly name: string;
  /** Who or what gets in: the identity source and the exact subjects it trusts. */
  readonly entryPoint: { readonly kind: string; readonly subjects: string[] };
  readonly role: { readonly arn: string; readonly maxSessionSeconds: number; readonly permissionsBoundary?: string };
  /** AI resources the role reaches, with the actions. */
  readonly resources: AiGrant[];
  /** Guardrail every model call must apply, `arn:…:guardrail/<id>:<version>`. */
  readonly guardrail?: string;
  /** Invocation logging destinations, or `managed elsewhere`. */
  readonly logging: string[] | "managed elsewhere" | "not needed";
  readonly owner: string;
  readonly purpose: string;
  /** One line: entry point -> role -> AI resources. */
  readonly summary: string;
}

function short(arn: string): string {
  const m = /^arn:[^:]+:[^:]+:([^:]*):[^:]*:(.+)$/.exec(arn);
  return m ? `${m[2]}${m[1] ? ` (${m[1]})` : ""}` : arn;
}

export function describeAiAccessPath(d: Omit<AiAccessPathDescription, "summary">): AiAccessPathDescription {
  const targets = d.resources.flatMap((g) => g.resources.map(short));
  const summary = `${d.entryPoint.kind} [${d.entryPoint.subjects.join(", ")}] -> ${d.role.arn} -> ${targets.join(", ")}`;
  return { ...d, summary };
}
