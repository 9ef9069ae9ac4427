/**
 * A request's protobuf Structs converted to JavaScript once. The handler guard reads every request
 * before the handlers do, and the one-pass handlers read the same Structs again: converting a
 * 10,000-resource stack twice cost as much as judging part of it. Values are shared, so readers
 * must not mutate them (none does: sanitizing and unwrapping copy on write).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
const converted = new WeakMap<object, unknown>();

/** `struct.toJavaScript()`, converted at most once per Struct object. */
export function structValue(struct: any): unknown {
  if (converted.has(struct)) return converted.get(struct);
  const value = struct.toJavaScript();
  converted.set(struct, value);
  return value;
}

/** Records the value a Struct was built from (the guard's sanitized copy), so it is not converted back. */
export function rememberStructValue(struct: object, value: unknown): void {
  converted.set(struct, value);
}

/** A stand-in for a Struct whose conversion is already known, for deserializers that call `toJavaScript()`. */
export function convertedStruct(struct: any): { toJavaScript(): unknown } {
  return { toJavaScript: () => structValue(struct) };
}
