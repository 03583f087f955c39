import { Typography, VisuallyHidden } from '@mantine/core';
import { createElement, Fragment, useMemo, type ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from './parse';

function inline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'break':
        return <br key={i} />;
      case 'link': {
        const external = /^(https?:|mailto:)/i.test(n.href);
        return (
          <a key={i} href={n.href} {...(external ? { rel: 'noopener noreferrer nofollow', target: '_blank' } : {})}>
            {inline(n.children)}
            {external && /^https?:/i.test(n.href) && <VisuallyHidden> (opens in a new tab)</VisuallyHidden>}
          </a>
        );
      }
    }
  });
}

function blocks(nodes: Block[], headingOffset: number): ReactNode[] {
  return nodes.map((b, i) => {
    switch (b.kind) {
      case 'heading':
        return createElement(`h${Math.min(6, b.level + headingOffset)}`, { key: i }, inline(b.children));
      case 'paragraph':
        return <p key={i}>{inline(b.children)}</p>;
      case 'list': {
        const items = b.items.map((item, j) => (
          // a list item of one paragraph shows its text without the paragraph's margins
          <li key={j}>
            {item.length === 1 && item[0]!.kind === 'paragraph'
              ? inline(item[0]!.children)
              : blocks(item, headingOffset)}
          </li>
        ));
        return b.ordered ? (
          <ol key={i} start={b.start === 1 ? undefined : b.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case 'quote':
        return <blockquote key={i}>{blocks(b.children, headingOffset)}</blockquote>;
      case 'code':
        return (
          <pre key={i}>
            <code>{b.text}</code>
          </pre>
        );
      case 'rule':
        return <hr key={i} />;
    }
  });
}

/**
 * Markdown written by the vendor, shown as React elements (never as HTML: raw tags in the text stay text).
 * `headingOffset` moves the text's headings below the page's own (a `#` in the text becomes an h3 with 2).
 */
export function Markdown({ source, headingOffset = 2 }: { source: string; headingOffset?: number }) {
  const content = useMemo(() => blocks(parseMarkdown(source), headingOffset), [source, headingOffset]);
  return <Typography>{content}</Typography>;
}
