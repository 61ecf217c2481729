/** Plain text from uploaded content. Small and dependency-free: we only need readable text, never to render HTML. */
export type ContentFormat = 'markdown' | 'html' | 'text';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', euro: '€', copy: '©', reg: '®', trade: '™' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1].toLowerCase() === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = /^(p|div|section|article|header|footer|main|aside|nav|ul|ol|li|table|tr|td|th|thead|tbody|blockquote|pre|br|hr|h[1-6]|dl|dt|dd|figure|figcaption)$/i;

/**
 * HTML to text: drops script/style/template/head and comments, turns headings into `# ` lines and block
 * elements into line breaks, keeps link text, decodes entities. Attributes never survive.
 */
export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template|noscript|head|svg|iframe)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(script|style|template|noscript|head|svg|iframe)\b[^>]*\/?>/gi, ' ');
  s = s.replace(/<h([1-6])\b[^>]*>/gi, (_m, level: string) => `\n\n${'#'.repeat(Number(level))} `);
  s = s.replace(/<li\b[^>]*>/gi, '\n- ');
  s = s.replace(/<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi, (_m, tag: string) => (BLOCK_TAGS.test(tag) ? '\n' : ' '));
  s = s.replace(/<[^>]*>/g, ' ');
  s = decodeEntities(s);
  return tidy(s);
}

/** Markdown to text: keeps headings (`# `), list items and link text; drops images, emphasis marks, code fences. */
export function markdownToText(markdown: string): string {
  const s = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/^[ \t]{0,3}(#{1,6})[ \t]*(.*?)[ \t]*#*[ \t]*$/gm, '$1 $2')
    .replace(/^[ \t]*[*+][ \t]+/gm, '- ')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^[ \t]*>[ \t]?/gm, '')
    .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, '');
  return tidy(decodeEntities(s.replace(/<[^>]+>/g, ' ')));
}

export function toPlainText(content: string, format: ContentFormat = 'text'): string {
  if (format === 'html') return htmlToText(content);
  if (format === 'markdown') return markdownToText(content);
  return tidy(content.replace(/\r\n?/g, '\n'));
}

function tidy(text: string): string {
  return text
    .replace(/[\t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
