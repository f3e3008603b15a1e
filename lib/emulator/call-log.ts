/** One API call the emulator received, as listed by `/_emulator/calls`. */
export interface CallRecord {
  readonly seq: number;
  readonly time: string;
  readonly service: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** The host name the client addressed (the Host header): which regional endpoint it reached. */
  readonly host?: string;
  readonly status: number;
  /** Whether the call changes state (POST/PUT that the service carries out). */
  readonly mutating: boolean;
  /** Whether the service carried the call out (a mutating call that changed or confirmed state). */
  readonly performed: boolean;
  /** The key (or `token`) that signed it, once the gateway accepted it. */
  readonly accessKey?: string;
  /** The identity that made it: `user alice`, `agency encryption-admin in domain acme-prod`. */
  readonly principal?: string;
  /** What injected fault hit it, if any. */
  readonly fault?: string;
}

export class CallLog {
  private records: CallRecord[] = [];
  private seq = 0;

  add(record: Omit<CallRecord, "seq" | "time">): void {
    this.records.push({ seq: ++this.seq, time: new Date().toISOString(), ...record });
  }

  list(sinceSeq = 0): CallRecord[] {
    return this.records.filter((r) => r.seq > sinceSeq);
  }

  clear(): void {
    this.records = [];
  }
}
