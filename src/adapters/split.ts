/** Long replies cut for platforms with a message size limit. */

/** Split a text into pieces of at most `max` characters, at line or sentence ends where possible. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf('。') + 1, window.lastIndexOf('. ') + 1);
    const at = cut > max / 2 ? cut : whole(rest, max);
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Where to cut `text` at most at `at` without splitting an escape a renderer wrote (`\[`, `&#91;`,
 * `&lt;`): half of one shows as text, and the other half leaves a character bare to act as syntax.
 */
function whole(text: string, at: number): number {
  const head = text.slice(0, at);
  const entity = /&#?\w{0,8}$/.exec(head)?.[0].length ?? 0;
  if (entity && entity < at) return at - entity;
  const slashes = /\\+$/.exec(head)?.[0].length ?? 0;
  return slashes % 2 && slashes < at ? at - 1 : at;
}
