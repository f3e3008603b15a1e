/**
 * A command cannot run with what it was given (a stack directory, a plan, a scope): the message
 * says what to give instead. A user's mistake: one line, never a stack trace.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}
