const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
type Unit = keyof typeof UNITS;
const FACTORIES = { s: "seconds", m: "minutes", h: "hours", d: "days" } as const satisfies Record<Unit, keyof typeof Duration>;

/** A length of time, as in aws-cdk-lib: `Duration.days(90)`, `Duration.minutes(60)`. */
export class Duration {
  static seconds(amount: number): Duration {
    return new Duration(amount, "s");
  }
  static minutes(amount: number): Duration {
    return new Duration(amount, "m");
  }
  static hours(amount: number): Duration {
    return new Duration(amount, "h");
  }
  static days(amount: number): Duration {
    return new Duration(amount, "d");
  }

  /** Parses the text form written into triggers: `90d`, `60m`, `45s`, `2h`. */
  static parse(text: string): Duration {
    const m = /^(\d+)([smhd])$/.exec(text.trim());
    if (!m) throw new Error(`"${text}" is not a duration such as 45s, 60m, 2h or 90d`);
    return new Duration(Number(m[1]), m[2] as Unit);
  }

  private constructor(
    private readonly amount: number,
    private readonly unit: Unit,
  ) {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new Error(`a duration must be a non-negative finite number, got ${amount}`);
    }
  }

  toSeconds(): number {
    return this.amount * UNITS[this.unit];
  }

  toMilliseconds(): number {
    return this.toSeconds() * 1000;
  }

  toDays(): number {
    return this.toSeconds() / UNITS.d;
  }

  /** The largest whole unit that represents it exactly: `90d`, `60m`, `45s`. */
  toText(): string {
    const seconds = this.toSeconds();
    if (!Number.isInteger(seconds)) throw new Error(`duration ${this.amount}${this.unit} is not a whole number of seconds`);
    for (const unit of ["d", "h", "m"] as const) {
      if (seconds > 0 && seconds % UNITS[unit] === 0) return `${seconds / UNITS[unit]}${unit}`;
    }
    return `${seconds}s`;
  }

  toString(): string {
    return this.toText();
  }

  /** As it was written in code, for messages: `Duration.hours(36)`. */
  toSource(): string {
    return `Duration.${FACTORIES[this.unit]}(${this.amount})`;
  }
}
