/**
 * A small Markdown reader for agreements and other texts the vendor writes: headings, paragraphs, lists (nested by
 * indentation), block quotes, fenced code, rules, and inline emphasis, code and links. It builds a tree of plain
 * data that the renderer turns into React elements, so no HTML from the text ever reaches the page.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const blank = (line: string) => line.trim() === '';
const indentOf = (line: string) => line.length - line.trimStart().length;

/** Only links that cannot run script: web and mail addresses, and places in this app or this text. */
export function safeHref(href: string): string | null {
  const url = href.trim();
  if (/^(https?:|mailto:)/i.test(url)) return url;
  if (/^[/#?]/.test(url) && !url.startsWith('//')) return url;
  return null;
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
}

function startsBlock(line: string): boolean {
  return HEADING.test(line) || FENCE.test(line) || RULE.test(line) || QUOTE.test(line) || ITEM.test(line);
}

function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trimStart().startsWith(fence[1]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, children: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !blank(lines[i]!)) {
        const quoted = QUOTE.exec(lines[i]!);
        inner.push(quoted ? quoted[1]! : lines[i]!);
        i++;
      }
      blocks.push({ kind: 'quote', children: parseBlocks(inner) });
      continue;
    }
    if (ITEM.test(line)) {
      i = parseList(lines, i, blocks);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !blank(lines[i]!) && (para.length === 0 || !startsBlock(lines[i]!))) {
      para.push(lines[i++]!);
    }
    blocks.push({ kind: 'paragraph', children: parseLines(para) });
  }
  return blocks;
}

/** Reads one list from `start`; lines indented under an item belong to it (nested lists, more paragraphs). */
function parseList(lines: string[], start: number, out: Block[]): number {
  const first = ITEM.exec(lines[start]!)!;
  const base = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    const item = ITEM.exec(line);
    if (item && item[1]!.length === base && /\d/.test(item[2]!) === ordered) {
      items.push([item[3]!]);
      i++;
      continue;
    }
    if (blank(line)) {
      // a blank line ends the list unless the next line is indented under the item or is the next item
      const next = lines[i + 1];
      if (next === undefined || blank(next) || (indentOf(next) <= base && !ITEM.test(next))) break;
      items[items.length - 1]!.push('');
      i++;
      continue;
    }
    if (indentOf(line) > base) {
      items[items.length - 1]!.push(line.slice(Math.min(indentOf(line), base + 2)));
      i++;
      continue;
    }
    if (item || startsBlock(line)) break;
    // a lazy continuation of the item's text
    items[items.length - 1]!.push(line.trim());
    i++;
  }
  out.push({ kind: 'list', ordered, start: ordered ? parseInt(first[2]!, 10) : 1, items: items.map(parseBlocks) });
  return i;
}

/** A paragraph's lines: joined by spaces, or by a line break after two trailing spaces or a backslash. */
function parseLines(lines: string[]): Inline[] {
  const out: Inline[] = [];
  lines.forEach((raw, n) => {
    const hard = n < lines.length - 1 && (/ {2,}$/.test(raw) || /\\$/.test(raw));
    const text = raw.trim().replace(/\\$/, '');
    out.push(...parseInline(text));
    if (n < lines.length - 1) out.push(hard ? { kind: 'break' } : { kind: 'text', text: ' ' });
  });
  return merge(out);
}

/** Joins neighbouring text runs so the tree stays small. */
function merge(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
    else out.push(node);
  }
  return out;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!>~]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const link = /^\[([^\]]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))+)(?:\s+"[^"]*")?\s*\)/.exec(text.slice(i));
      if (link) {
        flush();
        const href = safeHref(link[2]!);
        const children = parseInline(link[1]!);
        if (href) out.push({ kind: 'link', href, children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    if (c === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(text.slice(i));
      if (auto) {
        flush();
        out.push({
          kind: 'link',
          href: auto[1]!,
          children: [{ kind: 'text', text: auto[1]!.replace(/^mailto:/i, '') }],
        });
        i += auto[0].length;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      const double = text[i + 1] === c;
      const marker = double ? c + c : c;
      const end = closing(text, i + marker.length, marker);
      // `_` inside a word (snake_case) is not emphasis
      const wordy = c === '_' && i > 0 && /\w/.test(text[i - 1]!);
      if (end > 0 && !wordy) {
        flush();
        out.push({ kind: double ? 'strong' : 'em', children: parseInline(text.slice(i + marker.length, end)) });
        i = end + marker.length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** Where `marker` closes emphasis opened before `from`: not right after the opener, not after a space. */
function closing(text: string, from: number, marker: string): number {
  if (from >= text.length || /\s/.test(text[from]!)) return -1;
  for (let j = from + 1; j <= text.length - marker.length; j++) {
    if (text[j] === '`') {
      const end = text.indexOf('`', j + 1);
      if (end > j) j = end;
      continue;
    }
    if (text.startsWith(marker, j) && !/\s/.test(text[j - 1]!)) {
      // `**` is not the end of `*` emphasis
      if (marker.length === 1 && text[j + 1] === marker) {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}
