/** IAM policy document types used by the pure builders. */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** IAM style: one value as a string, several as a list. */
export function oneOrMany(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

/** Merges condition blocks operator by operator (later keys win). */
export function mergeConditions(...blocks: Array<ConditionBlock | undefined>): ConditionBlock | undefined {
  const out: ConditionBlock = {};
  for (const b of blocks) {
    if (!b) continue;
    for (const [op, kv] of Object.entries(b)) out[op] = { ...(out[op] ?? {}), ...kv };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function uniq<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
