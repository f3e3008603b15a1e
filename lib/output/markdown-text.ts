import { terminalText } from "./terminal-text";

/** A character GitHub would not let start a mention, reference or autolink; it is invisible. */
const WORD_JOINER = "\u2060";

/**
 * Text from outside (a cloud's names, states and messages) made inert for GitHub-flavoured
 * Markdown, as a table cell or a list item inside `<details>`: it reads as the same characters
 * and does nothing else.
 * - line breaks read as one space and other control characters are escaped as in a terminal
 *   (`\x1b`): the text stays on its line, so it can neither end a table row or a list item nor
 *   start a block of its own;
 * - `&`, `<`, `>` become entities: no raw HTML, so no `</details>` or `<summary>` that closes or
 *   forges a section, no `<img>`, no comment that hides the rest;
 * - Markdown punctuation is backslash-escaped: `[` `]` (links, images, footnotes), `` ` ``
 *   (code spans), `*` `_` `~` (emphasis that could forge a **Refused**), `|` (table cells), `\`;
 * - `@name`, `#123` and bare `https://` / `www.` get a word joiner after `@`, `#`, `:` or `www`:
 *   GitHub finds mentions, references and autolinks in the rendered text, after escapes and
 *   entities are undone, so only a character between the parts stops them. A code span would
 *   too, but would print our own words around each value as code.
 */
export function markdownText(text: string): string {
  return breakReferences(terminalText(String(text).replace(/[\r\n]+/g, " ")))
    .replace(/[\\`*_~[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Text for the content of an HTML element in a comment (`<summary>`), where Markdown is not
 * parsed but GitHub still finds mentions: controls escaped, `&`, `<`, `>`, `[`, `]` as entities,
 * a word joiner after `@`, `#` and before `//`, as in markdownText.
 */
export function htmlText(text: string): string {
  return breakReferences(terminalText(text)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\[/g, "&#91;").replace(/\]/g, "&#93;");
}

/** A word joiner where GitHub would start a mention, an issue reference or an autolink. */
function breakReferences(text: string): string {
  return text
    .replace(/([@#])(?=[\p{L}\p{N}_-])/gu, `$1${WORD_JOINER}`)
    .replace(/(:)(?=\/\/)/g, `$1${WORD_JOINER}`)
    .replace(/\b(www)(?=\.)/gi, `$1${WORD_JOINER}`);
}
