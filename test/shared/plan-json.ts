/**
 * Builds `terraform show -json PLANFILE` documents (format_version 1.2, as written by
 * internal/command/jsonplan) from a list of resources, so tests and benchmarks can make plans
 * without a provider. Known computed attributes are left to `after_unknown`, as a real create is.
 */
export interface PlanEntry {
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** `module.ci` or `module.ci.module.inner`; root when absent. */
  readonly module?: string;
  readonly index?: number | string;
  readonly actions?: readonly string[];
  /** Extra `after_unknown` entries (merged over `{id: true, arn: true}`). */
  readonly unknown?: Record<string, unknown>;
  readonly sensitive?: Record<string, unknown>;
  readonly mode?: "managed" | "data";
}

export function addressOf(e: PlanEntry): string {
  const idx = e.index === undefined ? "" : typeof e.index === "number" ? `[${e.index}]` : `[${JSON.stringify(e.index)}]`;
  const local = `${e.mode === "data" ? "data." : ""}${e.type}.${e.name}${idx}`;
  return e.module ? `${e.module}.${local}` : local;
}

type Mod = { address?: string; resources: unknown[]; child_modules?: Mod[] };

export function planJson(entries: readonly PlanEntry[]): Record<string, unknown> {
  const root: Mod = { resources: [] };
  const modules = new Map<string, Mod>([["", root]]);
  const moduleOf = (address: string | undefined): Mod => {
    if (!address) return root;
    const existing = modules.get(address);
    if (existing) return existing;
    const parts = address.split(".");
    const parent = moduleOf(parts.length > 2 ? parts.slice(0, -2).join(".") : undefined);
    const m: Mod = { address, resources: [] };
    (parent.child_modules ??= []).push(m);
    modules.set(address, m);
    return m;
  };
  const changes: unknown[] = [];
  for (const e of entries) {
    const address = addressOf(e);
    const actions = e.actions ?? ["create"];
    const deleting = actions.length === 1 && actions[0] === "delete";
    const unknown = { id: true, arn: true, ...(e.unknown ?? {}) };
    const planned = Object.fromEntries(Object.entries(e.values).filter(([k]) => unknown[k as keyof typeof unknown] !== true));
    if (!deleting) {
      moduleOf(e.module).resources.push({
        address,
        mode: e.mode ?? "managed",
        type: e.type,
        name: e.name,
        ...(e.index !== undefined ? { index: e.index } : {}),
        provider_name: "registry.terraform.io/hashicorp/aws",
        schema_version: 0,
        values: planned,
        sensitive_values: e.sensitive ?? {},
      });
    }
    changes.push({
      address,
      ...(e.module ? { module_address: e.module } : {}),
      mode: e.mode ?? "managed",
      type: e.type,
      name: e.name,
      ...(e.index !== undefined ? { index: e.index } : {}),
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions,
        before: actions[0] === "create" ? null : planned,
        after: deleting ? null : planned,
        after_unknown: deleting ? {} : unknown,
        before_sensitive: actions[0] === "create" ? false : (e.sensitive ?? {}),
        after_sensitive: deleting ? false : (e.sensitive ?? {}),
      },
    });
  }
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: root },
    resource_changes: changes,
    configuration: { provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } }, root_module: {} },
    timestamp: "2026-11-28T00:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}
