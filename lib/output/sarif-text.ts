import { terminalText } from "./terminal-text";

/**
 * Text from outside (a cloud's names and messages) for a SARIF plain-text `message.text`:
 * SARIF 2.1.0 §3.11.6 lets such a message embed links written `[text](target)`, which viewers
 * such as GitHub code scanning render, and says a literal `[` or `]` is written `\[`, `\]` (and a
 * literal `\` before one as `\\`). So brackets and backslashes are escaped, and control characters
 * are shown as in a terminal (`\x0a`), so a value stays on the message's line.
 */
export function sarifText(text: string): string {
  return terminalText(text).replace(/[\\[\]]/g, (c) => `\\${c}`);
}
