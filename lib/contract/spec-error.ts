/** A Spec (or construct props) that cannot be used; the message names the field, the value and the rule. */
export class SpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecError";
  }
}
