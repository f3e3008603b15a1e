/** Review or drift cannot run with what it was given; the message says what to give instead. */
export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewError";
  }
}

/** A bad or missing command-line option of review or drift: the CLI exits 64 for it, never 2 (which means "drift found / gate matched"). */
export class UsageError extends ReviewError {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
