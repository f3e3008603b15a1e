import { terminalText } from "../output/terminal-text";
import { Redactor } from "./redact";

/**
 * Where the hook and the commands print for people: always stderr, always redacted, and each
 * message one line: control characters in it (a cloud's names and messages) are written as
 * visible escapes, so nothing a cloud returns can start a line of its own or move the cursor.
 */
export interface Log {
  info(message: string): void;
  /** A line about a long wait: what is awaited, elapsed time, progress. */
  progress(message: string): void;
  /** Printed only with CDKTF_ENCRYPTION_DEBUG=1. */
  debug(message: string): void;
  /** Whether `debug` prints: callers skip building debug lines nobody reads. */
  readonly debugEnabled: boolean;
}

export class StderrLog implements Log {
  private readonly redactor: Redactor;
  readonly debugEnabled: boolean;
  private readonly write: (line: string) => void;

  constructor(options: { env?: NodeJS.ProcessEnv; write?: (line: string) => void } = {}) {
    const env = options.env ?? process.env;
    this.redactor = new Redactor(env);
    this.debugEnabled = env.CDKTF_ENCRYPTION_DEBUG === "1" || env.CDKTF_ENCRYPTION_DEBUG === "true";
    this.write = options.write ?? ((line) => process.stderr.write(line));
  }

  info(message: string): void {
    this.write(`${this.line(message)}\n`);
  }

  progress(message: string): void {
    this.write(`  … ${this.line(message)}\n`);
  }

  debug(message: string): void {
    if (this.debugEnabled) this.write(`  [debug] ${this.line(message)}\n`);
  }

  private line(message: string): string {
    return terminalText(this.redactor.redact(message));
  }
}

/** A log that keeps its lines, for tests and for commands that print later. */
export class MemoryLog implements Log {
  readonly lines: string[] = [];
  readonly debugEnabled = true;
  info(message: string): void {
    this.lines.push(message);
  }
  progress(message: string): void {
    this.lines.push(message);
  }
  debug(message: string): void {
    this.lines.push(`[debug] ${message}`);
  }
}

export const silentLog: Log = { info() {}, progress() {}, debug() {}, debugEnabled: false };
