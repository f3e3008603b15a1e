/**
 * The emulated cloud's business time: wall time plus an offset, optionally running faster.
 * Moving it completes jobs and ages key rotations without tests sleeping. Signature
 * freshness is still judged against the real clock, as the real gateway's is.
 */
export class EmulatorClock {
  private anchorReal = Date.now();
  private anchorEmulated = Date.now();
  private rate = 1;

  now(): number {
    return this.anchorEmulated + (Date.now() - this.anchorReal) * this.rate;
  }

  advance(seconds: number): void {
    this.rebase(this.now() + seconds * 1000);
  }

  set(epochMs: number): void {
    this.rebase(epochMs);
  }

  /** Emulated seconds per real second (1 = real time). */
  setRate(rate: number): void {
    this.rebase(this.now());
    this.rate = rate;
  }

  describe(): { now: string; rate: number } {
    return { now: new Date(this.now()).toISOString(), rate: this.rate };
  }

  private rebase(emulated: number): void {
    this.anchorReal = Date.now();
    this.anchorEmulated = emulated;
  }
}
