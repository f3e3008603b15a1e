/** Review or drift cannot run with what it was given; the message says what to give instead. */
export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReviewError";
  }
}
