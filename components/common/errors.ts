/**
 * Input errors raised by the components before anything is registered. Pure (no Pulumi imports):
 * the message always names the component, the fields and the fix, and never a secret value.
 */
export class ComponentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ComponentInputError";
  }
}

/** `GithubActionsRole "ci"`: how every message starts. */
export function who(component: string, name: string): string {
  return `${component} "${name}"`;
}

export function fail(subject: string, message: string): never {
  throw new ComponentInputError(`${subject}: ${message}`);
}

/** Shown instead of a value in messages: an input may hold anything, including a credential. */
export function quote(value: string): string {
  const v = value.length > 120 ? `${value.slice(0, 117)}...` : value;
  return JSON.stringify(v);
}
