/** Rules, findings and levels: the vocabulary shared by the pack, the CLI and the adapters. */
import type { ResourceModel } from "../model/resource";
import type { StackView } from "../stack/view";

export type EnforcementLevel = "mandatory" | "advisory" | "disabled";
export type Severity = "low" | "medium" | "high" | "critical";
export type FindingKind = "violation" | "cannot-validate";

export interface Frameworks {
  /** OWASP Non-Human Identities Top 10 (2025): NHI1–NHI10. */
  readonly owaspNhi: readonly string[];
  /** OWASP Top 10 for Agentic Applications (2026): ASI01–ASI10. */
  readonly owaspAgentic: readonly string[];
  /** NIST Cybersecurity Framework 2.0 subcategories, e.g. PR.AA-05. */
  readonly nistCsf: readonly string[];
  /**
   * NIST AI Risk Management Framework (AI 100-1) function and subcategory the rule serves,
   * e.g. `MEASURE 2.7` (security and resilience evaluated), `MANAGE 4.1` (post-deployment monitoring).
   */
  readonly nistAiRmf: readonly string[];
}

/** JSON-schema subset CrossGuard accepts for `configSchema.properties`. */
export type ConfigProperty = {
  type: "string" | "number" | "integer" | "boolean" | "array" | "object";
  description?: string;
  default?: unknown;
  items?: ConfigProperty;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  properties?: Record<string, ConfigProperty>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
};

export interface RuleMeta {
  /** Stable ID, never reused: `AAG-001`. */
  readonly id: string;
  /** Kebab-case CrossGuard policy name. */
  readonly name: string;
  /** One line: what the rule requires. */
  readonly title: string;
  readonly severity: Severity;
  readonly defaultLevel: Exclude<EnforcementLevel, "disabled">;
  readonly frameworks: Frameworks;
  /** One paragraph: why it matters, the way an attacker would use the gap. */
  readonly why: string;
  /** Remediation steps, pointing to the component that does it right. */
  readonly fix: string;
  /** Type tokens the rule reads — used to skip quickly; `*` reads every resource. */
  readonly appliesTo: readonly string[];
  /** Rule-specific configuration (shared fields are added by the engine). */
  readonly config?: Record<string, ConfigProperty>;
}

export interface Finding {
  readonly ruleId: string;
  readonly kind: FindingKind;
  /**
   * Granular, stable finding key a waiver can target, e.g. `Action::bedrock:*`,
   * `Statement[1]::sub`, `Property::policy`.
   */
  readonly findingId: string;
  /** What exactly is wrong (never an input value that could be a secret). */
  readonly detail: string;
  readonly resource: Pick<ResourceModel, "type" | "name" | "urn" | "location" | "source">;
  /** A finding the rule itself rates below the rule's level (e.g. org-wide GitHub trust). */
  readonly advisoryOnly?: boolean;
  /** The input property the finding is about. */
  readonly property?: string;
}

/** A finding after configuration: its effective level and any waiver. */
export interface JudgedFinding extends Finding {
  readonly level: Exclude<EnforcementLevel, "disabled">;
  readonly waiver?: { readonly reason: string; readonly expires?: string };
  /** A waiver matched but has expired: it no longer applies and is reported with the finding. */
  readonly expiredWaiver?: { readonly reason: string; readonly expires: string };
}

export interface RuleContext {
  /** Effective configuration for this rule (defaults merged with the user's). */
  readonly config: Readonly<Record<string, unknown>>;
  readonly resource: ResourceModel;
  violation(findingId: string, detail: string, opts?: { property?: string; advisoryOnly?: boolean }): void;
  cannotValidate(property: string, detail: string): void;
}

export interface ResourceRule extends RuleMeta {
  readonly kind: "resource";
  check(resource: ResourceModel, ctx: RuleContext): void;
}

export interface StackRuleContext {
  readonly config: Readonly<Record<string, unknown>>;
  violation(resource: ResourceModel, findingId: string, detail: string, opts?: { property?: string; advisoryOnly?: boolean }): void;
  cannotValidate(resource: ResourceModel, property: string, detail: string): void;
}

/** A rule over the whole stack (CrossGuard stack policy): judges principals and paths, not one document. */
export interface StackRule extends RuleMeta {
  readonly kind: "stack";
  checkStack(view: StackView, ctx: StackRuleContext): void;
}

export type Rule = ResourceRule | StackRule;
