/**
 * The first key that appears twice in one object of a JSON text, or undefined. `JSON.parse`
 * keeps the last of two equal keys silently, so a Spec edited by hand or tampered with could
 * say one thing to a reviewer reading it and another to the hook. The text must already be
 * valid JSON.
 */
export function firstDuplicateKey(json: string): string | undefined {
  const objects: (Set<string> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === "{") {
      objects.push(new Set());
      expectKey = true;
    } else if (c === "[") {
      objects.push(undefined);
    } else if (c === "}" || c === "]") {
      objects.pop();
    } else if (c === ",") {
      expectKey = objects.at(-1) !== undefined;
    } else if (c === '"') {
      const end = endOfString(json, i);
      if (expectKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        const keys = objects.at(-1)!;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}

/** Index of the quote closing the string that opens at `start`. */
function endOfString(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    if (json[i] === "\\") i++;
    else if (json[i] === '"') return i;
  }
  return json.length - 1;
}
