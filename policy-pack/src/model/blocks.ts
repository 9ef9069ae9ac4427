/**
 * Nested blocks as rules read them: Pulumi passes a max-1 block as one object, Terraform plans and
 * some exports as a one-element list. Reading through `block()` serves both.
 */
import { isRecord } from "./values";

/** The block at `path` (dotted), or undefined; lists are read through their first element. */
export function block(value: unknown, ...path: string[]): Record<string, unknown> | undefined {
  let cur: unknown = value;
  for (const key of ["", ...path]) {
    if (key !== "") cur = isRecord(cur) ? cur[key] : undefined;
    if (Array.isArray(cur)) cur = cur[0];
  }
  return isRecord(cur) ? cur : undefined;
}

/** A value inside nested blocks (`field(props, "authorizerConfiguration", "customJwtAuthorizer")`). */
export function field(value: unknown, ...path: string[]): unknown {
  const parent = block(value, ...path.slice(0, -1));
  return parent?.[path[path.length - 1]];
}

/** Every element of a list of blocks (or the one block). */
export function blocks(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter(isRecord);
}
