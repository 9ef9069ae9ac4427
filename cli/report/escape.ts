/**
 * One escaping layer per output format, applied to every string that came from the input (names,
 * URNs, addresses, finding IDs, messages, waiver reasons, paths, notes that quote them). Rule
 * metadata (title, why, fix) is ours and goes through `mdRuleText`, which keeps its code spans.
 *
 * - Terminal text: control characters (C0, DEL, C1 — so no ESC sequences: no hidden lines, no OSC 52
 *   clipboard writes, no OSC 8 links), line and paragraph separators and bidirectional overrides
 *   are shown as visible escapes (`\n`, `\x1b`, `\u202e`): one value can never print two lines.
 * - Markdown (GitHub / GitLab comments): the same visible escapes, then each character that can
 *   start inline syntax is backslash-escaped (no emphasis, links, images, raw HTML, tables cells),
 *   and what GitHub adds on top of CommonMark is broken with a zero-width space: @mentions, #123
 *   references, URL, www. and e-mail autolinks.
 * - Code spans: a backtick fence longer than any backtick run inside (entities and backslashes are
 *   literal in a code span, so nothing else is escaped there).
 */

// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Control, separator and bidi characters → visible escapes; everything else unchanged. */
export function visibleControls(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** A value printed in terminal text. */
export function textValue(s: string): string {
  return visibleControls(s);
}

const ZWSP = "&#8203;";
/**
 * What can start inline syntax in CommonMark + GFM: escapes, code, emphasis, links and images,
 * raw HTML and autolinks, entities, table cells, strikethrough, GitHub math, headings. A backslash
 * makes each literal. A value never holds a line break; one that starts a line (a note after `> `)
 * has its leading list marker escaped too.
 */
const MD_PUNCT = /[\\`*_[\]<>&|~$#]/g;

/** A value inside Markdown inline text or a table cell: literal, on one line, linking nothing. */
export function mdText(s: string): string {
  return (
    visibleControls(s)
      .replace(MD_PUNCT, (c) => `\\${c}`)
      .replace(/^([-+=])|^(\d+)([.)])/, (_m, mark: string | undefined, digits: string, delim: string) => (mark ? `\\${mark}` : `${digits}\\${delim}`))
      // GitHub's own additions, matched on the rendered text: break them with a zero-width space.
      .replace(/@/g, `@${ZWSP}`)
      .replace(/#(?=[0-9])/g, `#${ZWSP}`)
      .replace(/:\/\//g, `:${ZWSP}//`)
      .replace(/(www)\./gi, `$1${ZWSP}.`)
      // Leading spaces would indent the value into a list item or a code block at the start of a
      // line: as character references (added last, so no rule above rewrites them) they still read
      // as spaces but start no block.
      .replace(/^ +/, (ws) => "&#32;".repeat(ws.length))
  );
}

/** A value as inline code: shown exactly (after visible escapes), whatever backticks it holds. */
export function mdCode(s: string): string {
  const v = visibleControls(s);
  let longest = 0;
  for (const run of v.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  // A space inside the fence when the value starts or ends with a backtick or a space (the parser
  // strips one on each side, except from a span of spaces only).
  const pad = /^[` ]|[` ]$/.test(v) && !/^ +$/.test(v) ? " " : "";
  return v === "" ? "` `" : `${fence}${pad}${v}${pad}${fence}`;
}

/**
 * Our own rule text (title, why, fix, frameworks): its `code spans` stay code spans; outside them
 * `<`, `>` and `&` are escaped so `<issuer>` shows as written instead of vanishing as raw HTML.
 */
export function mdRuleText(s: string): string {
  const parts = visibleControls(s).split(/(`[^`]*`)/);
  return parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/[\\<>&|*_[\]]/g, (c) => `\\${c}`))).join("");
}
