/** One line of the account of a chain's choice: each source tried, in order, and what came of it. */
export interface SourceTried {
  readonly source: string;
  readonly outcome: "used" | "not configured" | "absent" | "failed";
  /** Why it was passed over, or why it failed; empty when used. */
  readonly why: string;
}
