/** Helpers for validating `pulumi.Input`s up front when they are plain, and at deployment otherwise. */
import * as pulumi from "@pulumi/pulumi";
import { checkOwnership } from "./ownership";

/** The value if it is known now (not an Output or Promise), else `undefined`. */
export function known<T>(value: pulumi.Input<T> | undefined): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return undefined;
  return value as T;
}

/** A list whose elements are all plain values, or `undefined` if any is not known yet. */
export function knownList<T>(value: pulumi.Input<pulumi.Input<T>[]> | readonly pulumi.Input<T>[] | undefined): T[] | undefined {
  const list = known(value as pulumi.Input<T[]> | undefined);
  if (list === undefined) return undefined;
  const out: T[] = [];
  for (const v of list as unknown as pulumi.Input<T>[]) {
    const k = known(v);
    if (k === undefined) return undefined;
    out.push(k);
  }
  return out;
}

/** Deep-unwraps a structure of Inputs into an Output of plain data. */
export function resolved<T>(value: T): pulumi.Output<pulumi.Unwrap<T>> {
  return pulumi.output(value) as pulumi.Output<pulumi.Unwrap<T>>;
}

export type Tags = Record<string, pulumi.Input<string>>;

/** `{ ...tags, owner, purpose }` (owner/purpose last: they are the names reports look for). */
export function withOwnership(tags: Tags | undefined, owner: pulumi.Input<string>, purpose: pulumi.Input<string>, extra: Tags = {}): Tags {
  return { ...(tags ?? {}), ...extra, owner, purpose };
}

export function knownTags(tags: Tags | undefined): Record<string, unknown> | undefined {
  if (!tags) return undefined;
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, known(v)]));
}

/** The ownership inputs every component that creates identities, keys or stores takes. */
export interface OwnedArgs {
  /** Team or person accountable (tag `owner`). Required. */
  readonly owner: pulumi.Input<string>;
  /** What it is for (tag `purpose`). Required. */
  readonly purpose: pulumi.Input<string>;
  /** More tags; `owner` and `purpose` are set from the fields above. @default none */
  readonly tags?: Tags;
}

/** Refuses missing owner/purpose (or tags contradicting them) where known now; values known later pass. */
export function checkOwned(subject: string, args: Partial<OwnedArgs>): void {
  const later = (v: pulumi.Input<string> | undefined) => known(v) ?? (v === undefined ? undefined : "(known later)");
  checkOwnership(subject, later(args.owner), later(args.purpose), knownTags(args.tags));
}
