/**
 * The plan's `configuration` section: what the user wrote for each resource. An attribute's
 * expression is `{constant_value}` (a literal in the code), `{references: [...]}` (a variable, a
 * local, another resource's attribute), or a nested block of expressions; an attribute with no
 * expression was not set by the user: its value is the provider's (computed: ARNs, ids, SES DKIM
 * and verification tokens, WAF lock tokens, an IAM role's refreshed `inline_policy`) or a default.
 *
 * The plan reader uses it to judge values as written: attributes the user did not set are left
 * out (neither a finding nor "cannot validate"), except the identifiers resources are linked by.
 */
import { isRecord } from "../../model/values";

/** Expressions of one resource (its `expressions` object), by configuration address (`module.a.aws_iam_role.x`). */
export type ConfiguredResources = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** Computed attributes kept although the user did not set them: resources are linked and named by these. */
export const LINK_ATTRIBUTES: ReadonlySet<string> = new Set(["arn", "id", "name", "unique_id", "tags_all"]);

const MAX_MODULE_DEPTH = 64;

function readModule(mod: unknown, prefix: string, out: Map<string, Readonly<Record<string, unknown>>>, depth: number): void {
  if (!isRecord(mod) || depth > MAX_MODULE_DEPTH) return;
  if (Array.isArray(mod.resources)) {
    for (const r of mod.resources) {
      if (!isRecord(r) || typeof r.address !== "string") continue;
      out.set(`${prefix}${r.address}`, isRecord(r.expressions) ? r.expressions : {});
    }
  }
  if (isRecord(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (isRecord(call)) readModule(call.module, `${prefix}module.${name}.`, out, depth + 1);
    }
  }
}

/** The configuration's resources, or undefined when the plan has none (state JSON, trimmed fixtures). */
export function configuredResources(plan: Readonly<Record<string, unknown>>): ConfiguredResources | undefined {
  const config = plan.configuration;
  if (!isRecord(config) || !isRecord(config.root_module)) return undefined;
  const out = new Map<string, Readonly<Record<string, unknown>>>();
  readModule(config.root_module, "", out, 0);
  return out;
}

/** `module.a["k"].aws_iam_role.x[0]` → `module.a.aws_iam_role.x`: the address of the block that made the instance. */
export function configAddress(instanceAddress: string): string {
  return instanceAddress.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]"]*)\]/g, "");
}

/**
 * The attribute values the user set (and the link identifiers): top-level attributes without an
 * expression are dropped, whether the plan knows their value (refreshed, provider-computed) or not.
 */
export function configuredValues(values: Readonly<Record<string, unknown>>, expressions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k in expressions || LINK_ATTRIBUTES.has(k)) out[k] = v;
  return out;
}

/** Where a value came from in the configuration. */
export type ValueOrigin = { readonly kind: "constant" } | { readonly kind: "expression"; readonly references: readonly string[] };

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The origin of the value at a finding's property path (`environment.variables.API_KEY`,
 * `dkimTokens[0]`): the nearest enclosing expression. Undefined when the user did not set it.
 */
export function originOf(expressions: Readonly<Record<string, unknown>>, propertyPath: string, renames: Readonly<Record<string, string>> = {}): ValueOrigin | undefined {
  const segments = propertyPath.split(/\.|\[(\d+)\]/).filter((s): s is string => s !== undefined && s !== "");
  if (segments.length === 0) return undefined;
  const renamed = Object.entries(renames).find(([, to]) => to === segments[0])?.[0];
  let node: unknown = expressions[renamed ?? snake(segments[0])] ?? expressions[segments[0]];
  for (let i = 1; ; i++) {
    if (Array.isArray(node)) node = node.length === 1 && !/^\d+$/.test(segments[i] ?? "") ? node[0] : node[Number(segments[i++])];
    if (!isRecord(node)) return undefined;
    if ("constant_value" in node) return { kind: "constant" };
    if (Array.isArray(node.references)) return { kind: "expression", references: node.references.filter((x): x is string => typeof x === "string") };
    if (i >= segments.length) return undefined;
    node = node[snake(segments[i])] ?? node[segments[i]];
  }
}

/** A sentence for a reviewer: where the configuration takes the value from (names only, never a value). */
export function describeOrigin(origin: ValueOrigin): string {
  if (origin.kind === "constant") return "The configuration writes this value as a literal.";
  const vars = origin.references.filter((r) => r.startsWith("var."));
  const others = origin.references.filter((r) => !r.startsWith("var.") && !origin.references.some((o) => o !== r && o.startsWith(`${r}.`)));
  const parts = [vars.length ? `variable${vars.length === 1 ? "" : "s"} ${vars.slice(0, 6).join(", ")}${vars.length > 6 ? ", …" : ""}` : "", others.length ? `${others.slice(0, 4).join(", ")}${others.length > 4 ? ", …" : ""}` : ""].filter(Boolean);
  return `Not a literal in the configuration: it is set from ${parts.join(" and ") || "an expression"}; the plan and state still hold the value in clear (pass the secret's ARN instead).`;
}
