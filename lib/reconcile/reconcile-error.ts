/** The reconciler cannot proceed; the message says why and what to do. */
export class ReconcileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReconcileError";
  }
}
