import { ValidationError } from '../core/errors';
import { definitionOf } from './blocks/index';
import { Block } from './blocks/schemas';
import { outOfScopeMessage, type FlowFacts, type FlowIssue } from './schema/common';
import { CURRENT_SCHEMA_VERSION, FlowDefinition } from './schema/flow';
import { LocalizedText } from './schema/localized';
import { migrateFlow } from './schema/migrate';
import { TEMPLATE_ROOTS, templatePaths } from './text/template';

export type { FlowIssue } from './schema/common';

/** A flow that cannot be used; `issues` says where (block id and field) and why. */
export class FlowValidationError extends ValidationError {
  constructor(readonly issues: FlowIssue[], message = summarize(issues)) {
    super(message, { issues }, { code: 'invalid_flow', status: 422 });
  }
}

/** `blockId.field: message` (or `field: message` for flow-level problems). */
export function formatIssue(issue: FlowIssue): string {
  const where = issue.blockId ? (issue.path ? `${issue.blockId}.${issue.path}` : issue.blockId) : issue.path || '(flow)';
  return `${where}: ${issue.message}`;
}

function summarize(issues: FlowIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error');
  const head = errors.slice(0, 3).map(formatIssue).join('; ');
  return `invalid flow: ${head}${errors.length > 3 ? ` (+${errors.length - 3} more)` : ''}`;
}

export type ValidateResult = { ok: true; flow: FlowDefinition; warnings: FlowIssue[] } | { ok: false; issues: FlowIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

const BLOCK_TYPES = Block.options.map((o) => o.shape.type.value);

function zodIssues(raw: Record<string, unknown>, error: { issues: readonly { path: readonly PropertyKey[]; message: string; code: string }[] }): FlowIssue[] {
  const blocks = Array.isArray(raw.blocks) ? raw.blocks : [];
  const out: FlowIssue[] = [];
  for (const issue of error.issues) {
    const [head, index, ...rest] = issue.path;
    let message = issue.message;
    if (head === 'blocks' && typeof index === 'number') {
      const block = blocks[index];
      const id = isObject(block) && typeof block.id === 'string' && block.id ? block.id : `blocks[${index}]`;
      let path = pathText(rest);
      if (issue.code === 'invalid_union' && (rest.length === 0 || (rest.length === 1 && rest[0] === 'type')) && isObject(block)) {
        path = 'type';
        message = `unknown block type ${JSON.stringify(block.type)} (expected one of ${BLOCK_TYPES.join(', ')})`;
      }
      out.push({ blockId: id, path, message, severity: 'error' });
    } else out.push({ path: pathText(issue.path), message, severity: 'error' });
  }
  return out;
}

interface GraphInput {
  start: unknown;
  fallbackLocale: string;
  locales: string[];
  blocks: Block[];
  /** Every id in the raw flow, also of blocks that did not parse (no "unknown target" noise for them). */
  allIds: Set<string>;
  intents: { name: string; examples: Record<string, string[]>; label?: unknown; outOfScope?: unknown; buying?: unknown }[];
  settings?: FlowDefinition['settings'];
}

function checkText(text: LocalizedText | undefined, where: { blockId?: string; path: string }, g: GraphInput, out: FlowIssue[]): void {
  if (text === undefined) return;
  const variants = typeof text === 'string' ? [text] : Object.values(text);
  if (typeof text === 'object') {
    if (text[g.fallbackLocale] === undefined) out.push({ ...where, message: `missing text for the fallback locale "${g.fallbackLocale}"`, severity: 'error' });
    const missing = g.locales.filter((l) => l !== g.fallbackLocale && text[l] === undefined);
    if (missing.length) out.push({ ...where, message: `missing text for ${missing.join(', ')} (the ${g.fallbackLocale} text will be shown)`, severity: 'warning' });
    const extra = Object.keys(text).filter((l) => !g.locales.includes(l));
    if (extra.length) out.push({ ...where, message: `text for locales the flow does not list: ${extra.join(', ')}`, severity: 'warning' });
  }
  for (const v of variants) {
    for (const p of templatePaths(v)) {
      const root = p.split('.', 1)[0];
      if (!(TEMPLATE_ROOTS as readonly string[]).includes(root)) out.push({ ...where, message: `unknown template variable {{${p}}} (use contact., vars., lead., channel or locale)`, severity: 'warning' });
    }
  }
}

function graphChecks(g: GraphInput): FlowIssue[] {
  const out: FlowIssue[] = [];
  if (!g.locales.includes(g.fallbackLocale)) out.push({ path: 'fallbackLocale', message: `"${g.fallbackLocale}" is not in locales`, severity: 'error' });
  const ids = new Map<string, Block>();
  g.blocks.forEach((b) => {
    if (ids.has(b.id)) out.push({ blockId: b.id, path: 'id', message: `duplicate block id "${b.id}"`, severity: 'error' });
    else ids.set(b.id, b);
  });
  const exists = (id: string) => g.allIds.has(id);
  if (typeof g.start === 'string' && !exists(g.start)) out.push({ path: 'start', message: `start block "${g.start}" does not exist`, severity: 'error' });

  const intentNames = new Set<string>();
  const outOfScopeIntents = new Set<string>();
  g.intents.forEach((intent, i) => {
    if (intentNames.has(intent.name)) out.push({ path: `intents[${i}].name`, message: `duplicate intent "${intent.name}"`, severity: 'error' });
    intentNames.add(intent.name);
    if (intent.outOfScope === true) outOfScopeIntents.add(intent.name);
    if (intent.outOfScope === true && intent.buying === true) out.push({ path: `intents[${i}].buying`, message: `intent "${intent.name}" is out of scope, so it cannot be a buying intent`, severity: 'error' });
    const missing = g.locales.filter((l) => !intent.examples[l]?.length);
    if (missing.length) out.push({ path: `intents[${i}].examples`, message: `intent "${intent.name}" has no examples for ${missing.join(', ')}`, severity: 'warning' });
    const label = LocalizedText.safeParse(intent.label);
    if (label.success) checkText(label.data, { path: `intents[${i}].label` }, g, out);
  });
  const facts: FlowFacts = { locales: g.locales, fallbackLocale: g.fallbackLocale, intentNames, outOfScopeIntents };

  const edges = new Map<string, string[]>();
  for (const b of g.blocks) {
    const def = definitionOf(b);
    for (const issue of def.check?.(b, facts) ?? []) out.push({ blockId: b.id, ...issue });
    const targets: string[] = [];
    for (const [field, target] of def.targets(b)) {
      if (!exists(target)) out.push({ blockId: b.id, path: field, message: `unknown block "${target}"`, severity: 'error' });
      else targets.push(target);
    }
    if (ids.get(b.id) === b) edges.set(b.id, targets);
    for (const [path, text] of def.texts(b)) checkText(text, { blockId: b.id, path }, g, out);
  }

  const s = g.settings;
  const roots = typeof g.start === 'string' ? [g.start] : [];
  if (s) {
    if (s.idleBlock !== undefined) {
      if (!exists(s.idleBlock)) out.push({ path: 'settings.idleBlock', message: `unknown block "${s.idleBlock}"`, severity: 'error' });
      else roots.push(s.idleBlock);
    }
    for (const [payload, id] of Object.entries(s.entryPoints ?? {})) {
      if (!exists(id)) out.push({ path: `settings.entryPoints.${payload}`, message: `unknown block "${id}"`, severity: 'error' });
      else roots.push(id);
    }
    (s.handoffIntents ?? []).forEach((name, i) => {
      if (!intentNames.has(name)) out.push({ path: `settings.handoffIntents[${i}]`, message: `unknown intent "${name}"`, severity: 'error' });
      else if (outOfScopeIntents.has(name)) out.push({ path: `settings.handoffIntents[${i}]`, message: outOfScopeMessage(name), severity: 'error' });
    });
    for (const key of ['fallbackText', 'handoffText', 'optOutText', 'retryText'] as const) checkText(s[key], { path: `settings.${key}` }, g, out);
  }
  const router = s?.idleBlock === undefined ? undefined : ids.get(s.idleBlock);
  if (router?.type !== 'intent') {
    for (const b of g.blocks) {
      if (b.type === 'ask' && b.digressions === true) out.push({ blockId: b.id, path: 'digressions', message: 'never digresses: settings.idleBlock must be an intent block', severity: 'warning' });
    }
  }

  // reachability (warnings)
  const seen = new Set<string>();
  const stack = roots.filter((r) => ids.has(r));
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const t of edges.get(id) ?? []) if (!seen.has(t)) stack.push(t);
  }
  for (const id of ids.keys()) if (!seen.has(id) && roots.length) out.push({ blockId: id, path: '', message: 'unreachable from the start', severity: 'warning' });

  // cycles made only of blocks that never wait: loop protection would stop them at run time
  const loopy = nonWaitingCycles(ids, edges);
  if (loopy.length) {
    out.push({ blockId: loopy[0], path: '', message: `cycle without a block that waits for input (${loopy.slice(0, 6).join(' → ')}${loopy.length > 6 ? ' …' : ''}): loop protection will stop it`, severity: 'warning' });
  }
  return out;
}

/** Blocks on (or between) cycles of non-waiting blocks: what is left after peeling sources and sinks. */
function nonWaitingCycles(ids: Map<string, Block>, edges: Map<string, string[]>): string[] {
  const nodes = [...ids.values()].filter((b) => !definitionOf(b).waits).map((b) => b.id);
  const inSet = new Set(nodes);
  const outs = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  const outdeg = new Map<string, number>();
  const ins = new Map<string, string[]>();
  for (const n of nodes) {
    indeg.set(n, 0);
    ins.set(n, []);
  }
  for (const n of nodes) {
    const o = (edges.get(n) ?? []).filter((t) => inSet.has(t));
    outs.set(n, o);
    outdeg.set(n, o.length);
    for (const t of o) {
      indeg.set(t, (indeg.get(t) ?? 0) + 1);
      ins.get(t)?.push(n);
    }
  }
  const removed = new Set<string>();
  const queue = nodes.filter((n) => indeg.get(n) === 0 || outdeg.get(n) === 0);
  while (queue.length) {
    const n = queue.pop() as string;
    if (removed.has(n)) continue;
    removed.add(n);
    for (const t of outs.get(n) ?? []) {
      if (removed.has(t)) continue;
      indeg.set(t, (indeg.get(t) ?? 0) - 1);
      if (indeg.get(t) === 0) queue.push(t);
    }
    for (const f of ins.get(n) ?? []) {
      if (removed.has(f)) continue;
      outdeg.set(f, (outdeg.get(f) ?? 0) - 1);
      if (outdeg.get(f) === 0) queue.push(f);
    }
  }
  return nodes.filter((n) => !removed.has(n));
}

/** Fields of a raw block the schema does not know (typos like `nxt`): dropped silently by zod otherwise. */
function unknownFields(rawBlocks: unknown[], parsed: Block[]): FlowIssue[] {
  const out: FlowIssue[] = [];
  rawBlocks.forEach((raw, i) => {
    const b = parsed[i];
    if (!isObject(raw) || !b) return;
    for (const key of Object.keys(raw)) if (!(key in b)) out.push({ blockId: b.id, path: key, message: `unknown field "${key}" for a ${b.type} block (ignored)`, severity: 'warning' });
  });
  return out;
}

/**
 * Checks a raw flow (parsed JSON/YAML, any schema version): migration, structure (zod), then the graph
 * (targets, duplicate ids, start, locales, intents, block-specific checks, reachability, loops). Warnings do not
 * make a flow invalid.
 */
export function validateFlow(raw: unknown): ValidateResult {
  const migrated = migrateFlow(raw);
  if (!isObject(migrated)) return { ok: false, issues: [{ path: '', message: 'a flow must be an object', severity: 'error' }] };
  const version = migrated.schemaVersion;
  if (typeof version === 'number' && version > CURRENT_SCHEMA_VERSION) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: `version ${version} is newer than this platform supports (${CURRENT_SCHEMA_VERSION})`, severity: 'error' }] };
  }
  const rawBlocks = Array.isArray(migrated.blocks) ? migrated.blocks : [];
  const allIds = new Set<string>();
  for (const b of rawBlocks) if (isObject(b) && typeof b.id === 'string') allIds.add(b.id);

  const parsed = FlowDefinition.safeParse(migrated);
  if (!parsed.success) {
    const issues = zodIssues(migrated, parsed.error);
    // graph checks over the blocks that are fine, so one run shows as many problems as possible
    const good = rawBlocks.map((b) => Block.safeParse(b)).flatMap((r) => (r.success ? [r.data] : []));
    const locales = Array.isArray(migrated.locales) ? migrated.locales.filter((l): l is string => typeof l === 'string') : [];
    const intents = Array.isArray(migrated.intents) ? migrated.intents.filter((i): i is GraphInput['intents'][number] => isObject(i) && typeof i.name === 'string' && isObject(i.examples)) : [];
    issues.push(...graphChecks({ start: migrated.start, fallbackLocale: String(migrated.fallbackLocale ?? ''), locales, blocks: good, allIds, intents }).filter((i) => !issues.some((z) => z.blockId === i.blockId && z.path === i.path)));
    return { ok: false, issues };
  }
  const flow = parsed.data;
  const issues = [...graphChecks({ ...flow, allIds }), ...unknownFields(rawBlocks, flow.blocks)];
  if (issues.some((i) => i.severity === 'error')) return { ok: false, issues };
  return { ok: true, flow, warnings: issues };
}

/** Validates and returns the flow, or throws `FlowValidationError`. */
export function loadFlow(raw: unknown): FlowDefinition {
  const r = validateFlow(raw);
  if (!r.ok) throw new FlowValidationError(r.issues);
  return r.flow;
}
