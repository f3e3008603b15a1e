/**
 * Characters that change what a terminal or a CI log shows beyond their own glyph: C0 controls
 * (newline, carriage return, escape, backspace, tab), DEL and C1 controls, the line and
 * paragraph separators, and the bidirectional marks, embeddings, overrides and isolates
 * (Unicode TR9) that reorder what is read.
 */
const TERMINAL_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/**
 * Text from outside (a cloud's names, states and messages) made safe for one line of a terminal
 * or a CI log: every control character written as a visible escape (`\x0a`, `\x1b`, `\u202e`),
 * so a value can neither start a line of its own (a forged `Apply complete!`), return to the
 * start of one, colour or clear the screen, nor reorder what is read.
 */
export function terminalText(text: string): string {
  return String(text).replace(TERMINAL_CONTROLS, (c) => {
    const hex = c.charCodeAt(0).toString(16);
    return hex.length <= 2 ? `\\x${hex.padStart(2, "0")}` : `\\u${hex.padStart(4, "0")}`;
  });
}
