/**
 * cdktf aspect: the ai-access-guard rules on every TerraformResource of a stack, at synth time.
 *
 *   Aspects.of(stack).add(new AiAccessGuardAspect(packConfig?));
 *
 * Mandatory findings become error annotations (so `app.synth()` fails), advisory ones (including
 * "cannot validate" and waived findings) warnings. `packConfig` has the `--policy-pack-config`
 * shape (levels, settings, waivers); it is validated here, so a bad configuration fails fast.
 *
 * Thin on purpose: the stack is read as the cdk.tf.json it synthesises to (`stack.toTerraform()`,
 * tokens resolved to `${…}` references) and judged by the framework-free Terraform adapter, so the
 * aspect, `ai-access-guard scan cdk.tf.json` and the Pulumi pack give the same findings. Tested
 * with cdktf 0.21 (HashiCorp's last release). The community fork CDK Terrain (`cdktn`) keeps the
 * same API (Aspects, Annotations, TerraformResource, TerraformStack) but is not tested here.
 */
import { Annotations, DefaultTokenResolver, StringConcat, TerraformResource, TerraformStack, Tokenization, type IAspect } from "cdktf";
import type { IConstruct } from "constructs";
import { evaluateTerraformResources, resourcesFromCdktfJson, ruleById, toResourceModel, attributesOfBlock } from "../policy-pack/src/adapters/terraform";
import { ALL_RULES } from "../policy-pack/src/rules";
import { resolveConfig } from "../policy-pack/src/engine/config";
import { formatFinding } from "../policy-pack/src/engine/format";
import type { JudgedFinding } from "../policy-pack/src/engine/types";
import type { ResourceModel } from "../policy-pack/src/model/resource";

export interface AiAccessGuardAspectOptions {
  /** Clock for waiver expiry (tests). */
  readonly now?: Date;
}

export class AiAccessGuardAspect implements IAspect {
  private readonly findingsByStack = new WeakMap<TerraformStack, Map<string, JudgedFinding[]>>();

  constructor(
    private readonly packConfig: unknown = {},
    private readonly options: AiAccessGuardAspectOptions = {},
  ) {
    resolveConfig(ALL_RULES, packConfig); // throws ConfigError naming the policy and field
  }

  visit(node: IConstruct): void {
    // Each synth visits the stack first: judge it afresh (resources may have changed since).
    if (TerraformStack.isStack(node)) {
      this.findingsByStack.delete(node);
      return;
    }
    if (!TerraformResource.isTerraformResource(node)) return;
    const stack = TerraformStack.of(node);
    let byPath = this.findingsByStack.get(stack);
    if (!byPath) {
      byPath = this.judgeStack(stack);
      this.findingsByStack.set(stack, byPath);
    }
    const findings = byPath.get(node.node.path) ?? this.judgeAlone(node);
    for (const f of findings) {
      const rule = ruleById(f.ruleId);
      const message = rule ? formatFinding(rule, f) : `[${f.ruleId}] ${f.detail}`;
      if (f.level === "mandatory") Annotations.of(node).addError(message);
      else Annotations.of(node).addWarning(message);
    }
  }

  /** Findings of every resource of the stack, by construct path (resource and stack rules). */
  private judgeStack(stack: TerraformStack): Map<string, JudgedFinding[]> {
    const out = new Map<string, JudgedFinding[]>();
    let resources: ResourceModel[];
    try {
      resources = resourcesFromCdktfJson(stack.toTerraform());
    } catch {
      return out; // each resource is then judged alone
    }
    const pathOf = new Map(resources.map((r) => [r.urn, r.location ?? r.urn]));
    for (const r of resources) out.set(pathOf.get(r.urn)!, []);
    for (const f of evaluateTerraformResources(resources, this.packConfig, this.options.now)) {
      const path = pathOf.get(f.resource.urn);
      if (path !== undefined) out.get(path)!.push(f);
    }
    return out;
  }

  /** Fallback when the stack cannot be rendered: this resource on its own, tokens resolved if possible. */
  private judgeAlone(node: TerraformResource): JudgedFinding[] {
    const type = node.terraformResourceType;
    try {
      let tf: unknown = node.toTerraform();
      try {
        tf = Tokenization.resolve(tf, { scope: node, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
      } catch {
        /* unresolved tokens look like `${TfToken[…]}`: unknown to the rules, never a pass */
      }
      const block = (tf as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource?.[type]?.[node.friendlyUniqueId] ?? {};
      const model = toResourceModel({ type, address: `${type}.${node.friendlyUniqueId}`, values: attributesOfBlock(block), source: "cdktf", location: node.node.path });
      return evaluateTerraformResources([model], this.packConfig, this.options.now);
    } catch (e) {
      Annotations.of(node).addWarning(`[ai-access-guard] ${type} "${node.node.path}" could not be checked (${e instanceof Error ? e.name : "error"}); it was not judged.`);
      return [];
    }
  }
}
