import { PACKS } from "./packs";
import { allRules } from "./rules";

/** docs/policy.md's table of rules and packs, generated from the rules themselves. */
export function ruleTableMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = allRules().map((rule) => {
    const packs = Object.entries(PACKS)
      .filter(([, pack]) => pack.rules().some((r) => r.id === rule.id))
      .map(([name]) => `\`${name}\``)
      .join(", ");
    return `| \`${rule.id}\` | ${cell(rule.help)} | ${rule.severity} | ${cell(rule.references.join("; "))} | ${packs || "—"} |`;
  });
  return ["| rule | checks | default severity | same check elsewhere | packs |", "|---|---|---|---|---|", ...rows].join("\n");
}
