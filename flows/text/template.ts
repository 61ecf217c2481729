/** Values a template can read: `{{contact.firstName}}`, `{{vars.budget}}`, `{{lead.score}}`, `{{channel}}`, `{{locale}}`. */
export interface TemplateScope {
  contact: Record<string, unknown>;
  vars: Record<string, unknown>;
  lead: Record<string, unknown>;
  channel: string;
  locale: string;
  /** Extra roots a block adds for its own text (e.g. `rec` in recommend). */
  [root: string]: unknown;
}

export const TEMPLATE_ROOTS = ['contact', 'vars', 'lead', 'channel', 'locale', 'rec', 'answer'] as const;
const TAG = /\{\{\s*([A-Za-z_][\w.]*)\s*(?:\|([^}]*))?\}\}/g;

/** Reads a dotted path (`contact.fields.city`) from an object; undefined when any step is missing. */
export function readPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  let start = 0;
  while (start <= path.length) {
    const dot = path.indexOf('.', start);
    const key = dot === -1 ? path.slice(start) : path.slice(start, dot);
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
    if (dot === -1) break;
    start = dot + 1;
  }
  return cur;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'object' && 'amount' in value) return String((value as { amount: unknown }).amount);
  return JSON.stringify(value);
}

/**
 * Renders `{{path}}` and `{{path | default}}` tags. Missing values render the default (or nothing);
 * the result never contains a raw tag. `show` writes the values it knows (dates, for a customer) its own way.
 */
export function renderTemplate(template: string, scope: TemplateScope, show?: (value: unknown) => string | undefined): string {
  if (template.indexOf('{{') === -1) return template;
  return template.replace(TAG, (_m, path: string, fallback: string | undefined) => {
    const value = readPath(scope, path);
    const text = show?.(value) ?? display(value);
    return text !== '' ? text : (fallback ?? '').trim();
  });
}

/** Paths referenced by a template, for the validator. */
export function templatePaths(template: string): string[] {
  const out: string[] = [];
  if (template.indexOf('{{') === -1) return out;
  for (const m of template.matchAll(TAG)) out.push(m[1]);
  return out;
}
