import { type FlowDefinition } from '../schema/flow';
import { normalize } from '../text/normalize';
import { DEFAULT_COMMANDS } from './defaults';
import { type NluSnapshot } from './types';

export type GlobalCommand = 'handoff' | 'optOut' | 'restart';

interface CommandTable {
  exact: Map<string, GlobalCommand>;
  /** Multi-word phrases that also count inside a longer message (handoff, restart). */
  inside: { phrase: string; command: GlobalCommand }[];
}

const tables = new WeakMap<FlowDefinition, CommandTable>();

function buildTable(flow: FlowDefinition): CommandTable {
  const custom = flow.settings?.commands;
  const table: CommandTable = { exact: new Map(), inside: [] };
  for (const command of ['handoff', 'optOut', 'restart'] as const) {
    const lists = [...(custom?.replaceDefaults ? [] : [DEFAULT_COMMANDS[command]]), custom?.[command] ?? {}];
    for (const perLocale of lists) {
      for (const phrases of Object.values(perLocale)) {
        for (const p of phrases) {
          const n = normalize(p);
          if (!n) continue;
          if (!table.exact.has(n)) table.exact.set(n, command);
          if (command !== 'optOut' && n.includes(' ')) table.inside.push({ phrase: ` ${n} `, command });
        }
      }
    }
  }
  return table;
}

/**
 * Finds a global command in a message: a `cmd:handoff|optOut|restart` button payload, a command phrase in any
 * supported language (after normalisation), or (unless `byIntent` is false) an intent listed in
 * `settings.handoffIntents`.
 */
export function matchCommand(flow: FlowDefinition, text: string, payload: string | undefined, nlu: NluSnapshot | undefined, byIntent = true): GlobalCommand | null {
  if (payload?.startsWith('cmd:')) {
    const c = payload.slice(4);
    if (c === 'handoff' || c === 'optOut' || c === 'restart') return c;
  }
  let table = tables.get(flow);
  if (!table) {
    table = buildTable(flow);
    tables.set(flow, table);
  }
  const n = normalize(text);
  if (n) {
    const exact = table.exact.get(n);
    if (exact) return exact;
    if (n.length <= 200) {
      const padded = ` ${n} `;
      for (const { phrase, command } of table.inside) if (padded.includes(phrase)) return command;
    }
  }
  const intents = flow.settings?.handoffIntents;
  if (byIntent && intents?.length && nlu?.intent && nlu.intent.confidence >= 0.6 && intents.includes(nlu.intent.name)) return 'handoff';
  return null;
}
