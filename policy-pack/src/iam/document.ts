/**
 * IAM policy document model. Accepts every shape IAM accepts (JSON string or object; `Statement`
 * as object or array; `Action`/`NotAction`, `Resource`/`NotResource`, `Principal`/`NotPrincipal`
 * as `"*"`, string, array or map) and reports what it could not read instead of guessing.
 */
import { asStringList, isRecord, isUnknown, containsUnknown } from "../model/values";

export type Effect = "Allow" | "Deny";

export interface ValueList {
  /** `NotAction` / `NotResource` / `NotPrincipal`. */
  readonly negated: boolean;
  readonly values: string[];
  /** Some entries are unknown at preview (or Terraform references). */
  readonly hasUnknown: boolean;
}

export interface PrincipalSpec {
  readonly negated: boolean;
  /** `Principal: "*"` or `{"AWS": "*"}`. */
  readonly anyone: boolean;
  /** Principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`) → values. */
  readonly byType: ReadonlyMap<string, string[]>;
  readonly hasUnknown: boolean;
}

export interface ConditionClause {
  /** Operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** Operator without qualifiers, lower case, e.g. `stringlike`. */
  readonly base: string;
  readonly setQualifier?: "ForAnyValue" | "ForAllValues";
  readonly ifExists: boolean;
  /** Condition key in lower case (keys are case-insensitive). */
  readonly key: string;
  /** Key as written, for messages. */
  readonly keyAsWritten: string;
  readonly values: string[];
  readonly hasUnknown: boolean;
}

export interface Statement {
  /** 0-based position in the document. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action: ValueList;
  readonly resource?: ValueList;
  readonly principal?: PrincipalSpec;
  readonly conditions: ConditionClause[];
}

export interface PolicyDocument {
  readonly statements: Statement[];
  /** Statement-level problems that make part of the document unjudgeable (named, never silent). */
  readonly problems: string[];
}

export type ParseResult =
  | { kind: "ok"; document: PolicyDocument }
  | { kind: "unknown"; reason: string }
  | { kind: "invalid"; reason: string };

const MAX_STATEMENTS = 10_000;

/** Names a statement for messages: `statement 2 (Sid "AllowInvoke")`. */
export function describeStatement(s: Statement): string {
  return s.sid ? `statement ${s.index + 1} (Sid "${s.sid}")` : `statement ${s.index + 1}`;
}

/**
 * Parsed documents by JSON text. The same document is read by several rules per resource, by the
 * stack view per attachment and by the trust helpers; parse results are never mutated, so they are
 * shared. Bounded: cleared when full; very large texts are not kept.
 */
const parsedByText = new Map<string, ParseResult>();
const PARSE_CACHE_ENTRIES = 1024;
const PARSE_CACHE_MAX_TEXT = 16 * 1024;

/**
 * Within one whole-stack evaluation every document is kept once parsed, whatever its size: the
 * resource rules, the stack view and the stack rules each read it, and the view keeps the parsed
 * documents of every principal alive anyway. Objects are kept by identity (nothing mutates inputs).
 */
let scopeByText: Map<string, ParseResult> | undefined;
let scopeByObject: WeakMap<object, ParseResult> | undefined;

/** Runs `fn` with every document parsed at most once (nested calls share the outer scope). */
export function withParseScope<R>(fn: () => R): R {
  if (scopeByText) return fn();
  scopeByText = new Map();
  scopeByObject = new WeakMap();
  try {
    return fn();
  } finally {
    scopeByText = undefined;
    scopeByObject = undefined;
  }
}

export function parsePolicyDocument(input: unknown): ParseResult {
  if (scopeByText && scopeByObject) {
    if (typeof input === "string") {
      let hit = scopeByText.get(input);
      if (!hit) scopeByText.set(input, (hit = parseUncached(input)));
      return hit;
    }
    if (typeof input === "object" && input !== null) {
      let hit = scopeByObject.get(input);
      if (!hit) scopeByObject.set(input, (hit = parseUncached(input)));
      return hit;
    }
  }
  if (typeof input !== "string" || input.length > PARSE_CACHE_MAX_TEXT) return parseUncached(input);
  let result = parsedByText.get(input);
  if (!result) {
    result = parseUncached(input);
    if (parsedByText.size >= PARSE_CACHE_ENTRIES) parsedByText.clear();
    parsedByText.set(input, result);
  }
  return result;
}

function parseUncached(input: unknown): ParseResult {
  if (input === undefined || input === null || input === "") {
    return { kind: "invalid", reason: "the document is empty" };
  }
  if (isUnknown(input)) return { kind: "unknown", reason: "the document is not known until apply" };
  let raw: unknown = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch {
      if (containsUnknown(input)) return { kind: "unknown", reason: "the document is built from values not known until apply" };
      return { kind: "invalid", reason: "the document is not valid JSON" };
    }
  }
  if (!isRecord(raw)) return { kind: "invalid", reason: "the document must be a JSON object with a Statement" };
  const stmtRaw = raw.Statement ?? raw.statement;
  if (stmtRaw === undefined) return { kind: "invalid", reason: "the document has no Statement" };
  if (isUnknown(stmtRaw)) return { kind: "unknown", reason: "Statement is not known until apply" };
  const list = Array.isArray(stmtRaw) ? stmtRaw : [stmtRaw];
  if (list.length > MAX_STATEMENTS) return { kind: "invalid", reason: `the document has more than ${MAX_STATEMENTS} statements` };
  const statements: Statement[] = [];
  const problems: string[] = [];
  list.forEach((entry, index) => {
    const parsed = parseStatement(entry, index, problems);
    if (typeof parsed === "string") problems.push(`statement ${index + 1}: ${parsed}`);
    else statements.push(parsed);
  });
  return { kind: "ok", document: { statements, problems } };
}

function field(obj: Record<string, unknown>, name: string): unknown {
  if (name in obj) return obj[name];
  // IAM element names are case-sensitive in AWS, but Terraform/cdktf users sometimes lower-case
  // them; reading both avoids a false pass on a document AWS would reject anyway.
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** Whitespace or control characters around or inside an action name: AWS would not read it as written. */
const UNCLEAN_ACTION = /^\s|\s$|[\u0000-\u001f\u007f]/;

function cleanActions(list: ValueList, index: number, problems: string[]): ValueList {
  if (!list.values.some((v) => UNCLEAN_ACTION.test(v))) return list;
  const values = list.values.map((v) => {
    if (!UNCLEAN_ACTION.test(v)) return v;
    const cleaned = v.replace(/[\u0000-\u001f\u007f]/g, "").trim();
    problems.push(`statement ${index + 1}: the action ${JSON.stringify(v)} has whitespace or control characters; it is judged as "${cleaned}"`);
    return cleaned;
  });
  return { ...list, values };
}

function parseStatement(entry: unknown, index: number, problems: string[] = []): Statement | string {
  if (isUnknown(entry)) return "not known until apply";
  if (!isRecord(entry)) return "is not an object";
  const effectRaw = field(entry, "Effect");
  if (isUnknown(effectRaw)) return "Effect is not known until apply";
  if (effectRaw !== "Allow" && effectRaw !== "Deny") return `Effect must be "Allow" or "Deny"`;
  const sidRaw = field(entry, "Sid");
  const sid = typeof sidRaw === "string" ? sidRaw : undefined;

  const actionRaw = field(entry, "Action");
  const notActionRaw = field(entry, "NotAction");
  if (actionRaw !== undefined && notActionRaw !== undefined) return "has both Action and NotAction";
  if (actionRaw === undefined && notActionRaw === undefined) return "has neither Action nor NotAction";
  const actionList = valueList(actionRaw ?? notActionRaw, notActionRaw !== undefined);
  if (typeof actionList === "string") return `${notActionRaw !== undefined ? "NotAction" : "Action"} ${actionList}`;
  const action = cleanActions(actionList, index, problems);

  const resourceRaw = field(entry, "Resource");
  const notResourceRaw = field(entry, "NotResource");
  if (resourceRaw !== undefined && notResourceRaw !== undefined) return "has both Resource and NotResource";
  let resource: ValueList | undefined;
  if (resourceRaw !== undefined || notResourceRaw !== undefined) {
    const r = valueList(resourceRaw ?? notResourceRaw, notResourceRaw !== undefined);
    if (typeof r === "string") return `${notResourceRaw !== undefined ? "NotResource" : "Resource"} ${r}`;
    resource = r;
  }

  const principalRaw = field(entry, "Principal");
  const notPrincipalRaw = field(entry, "NotPrincipal");
  if (principalRaw !== undefined && notPrincipalRaw !== undefined) return "has both Principal and NotPrincipal";
  let principal: PrincipalSpec | undefined;
  if (principalRaw !== undefined || notPrincipalRaw !== undefined) {
    const p = parsePrincipal(principalRaw ?? notPrincipalRaw, notPrincipalRaw !== undefined);
    if (typeof p === "string") return p;
    principal = p;
  }

  const conditionRaw = field(entry, "Condition");
  const conditions = conditionRaw === undefined ? [] : parseConditions(conditionRaw);
  if (typeof conditions === "string") return conditions;

  return { index, sid, effect: effectRaw, action, resource, principal, conditions };
}

function valueList(raw: unknown, negated: boolean): ValueList | string {
  if (isUnknown(raw)) return { negated, values: [], hasUnknown: true };
  const list = asStringList(raw);
  if (list.invalid) return "must be a string or a list of strings";
  const values = list.values.filter((v) => !isUnknown(v));
  return { negated, values, hasUnknown: list.unknown || list.values.some((v) => containsUnknown(v)) };
}

function parsePrincipal(raw: unknown, negated: boolean): PrincipalSpec | string {
  const byType = new Map<string, string[]>();
  if (isUnknown(raw)) return { negated, anyone: false, byType, hasUnknown: true };
  if (raw === "*") return { negated, anyone: true, byType, hasUnknown: false };
  if (!isRecord(raw)) return `${negated ? "NotPrincipal" : "Principal"} must be "*" or an object such as {"AWS": "…"}`;
  let anyone = false;
  let hasUnknown = false;
  for (const [type, value] of Object.entries(raw)) {
    const list = asStringList(value);
    if (list.invalid) return `Principal.${type} must be a string or a list of strings`;
    if (list.unknown) hasUnknown = true;
    const values = list.values.filter((v) => !isUnknown(v));
    if (values.some((v) => containsUnknown(v))) hasUnknown = true;
    if (type === "AWS" && values.includes("*")) anyone = true;
    byType.set(type, values);
  }
  return { negated, anyone, byType, hasUnknown };
}

function parseConditions(raw: unknown): ConditionClause[] | string {
  if (isUnknown(raw)) return [{ operator: "?", base: "?", ifExists: false, key: "?", keyAsWritten: "?", values: [], hasUnknown: true }];
  if (!isRecord(raw)) return "Condition must be an object of operator → {key: value}";
  const out: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    if (!isRecord(block)) {
      if (isUnknown(block)) {
        out.push({ operator, ...splitOperator(operator), key: "?", keyAsWritten: "?", values: [], hasUnknown: true });
        continue;
      }
      return `Condition.${operator} must be an object of key → value`;
    }
    for (const [key, value] of Object.entries(block)) {
      let list: { values: string[]; invalid: boolean; unknown: boolean };
      if (typeof value === "boolean" || typeof value === "number") list = { values: [String(value)], invalid: false, unknown: false };
      else if (Array.isArray(value)) list = asStringList(value.map((v) => (typeof v === "boolean" || typeof v === "number" ? String(v) : v)));
      else list = asStringList(value);
      if (list.invalid) return `Condition.${operator}.${key} must be a string, number, boolean or a list of them`;
      out.push({
        operator,
        ...splitOperator(operator),
        key: key.toLowerCase(),
        keyAsWritten: key,
        values: list.values.filter((v) => !isUnknown(v)),
        hasUnknown: list.unknown,
      });
    }
  }
  return out;
}

function splitOperator(operator: string): { base: string; setQualifier?: "ForAnyValue" | "ForAllValues"; ifExists: boolean } {
  let op = operator;
  let setQualifier: "ForAnyValue" | "ForAllValues" | undefined;
  const lower = op.toLowerCase();
  if (lower.startsWith("foranyvalue:")) {
    setQualifier = "ForAnyValue";
    op = op.slice("foranyvalue:".length);
  } else if (lower.startsWith("forallvalues:")) {
    setQualifier = "ForAllValues";
    op = op.slice("forallvalues:".length);
  }
  let ifExists = false;
  if (op.toLowerCase().endsWith("ifexists")) {
    ifExists = true;
    op = op.slice(0, -"ifexists".length);
  }
  return { base: op.toLowerCase(), setQualifier, ifExists };
}
