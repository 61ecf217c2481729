import { type FlowDefinition } from '../schema/flow';
import { normalize } from '../text/normalize';
import { DEFAULT_COMMANDS, SURE_INTENT } from './defaults';
import { type NluSnapshot } from './types';

export type GlobalCommand = 'handoff' | 'optOut' | 'restart';

interface CommandTable {
  exact: Map<string, GlobalCommand>;
  /**
   * Multi-word phrases that also count inside a longer message (handoff, restart), with the intents whose example
   * phrases hold them (see {@link matchCommand}).
   */
  inside: { phrase: string; command: GlobalCommand; claimedBy: Set<string> }[];
}

const tables = new WeakMap<FlowDefinition, CommandTable>();

function buildTable(flow: FlowDefinition): CommandTable {
  const custom = flow.settings?.commands;
  const table: CommandTable = { exact: new Map(), inside: [] };
  const examples = flow.intents.map((intent) => ({ name: intent.name, padded: Object.values(intent.examples).flat().map((e) => ` ${normalize(e)} `) }));
  const claimers = (phrase: string) => new Set(examples.filter((intent) => intent.padded.some((e) => e.includes(phrase))).map((intent) => intent.name));
  for (const command of ['handoff', 'optOut', 'restart'] as const) {
    const lists = [...(custom?.replaceDefaults ? [] : [DEFAULT_COMMANDS[command]]), custom?.[command] ?? {}];
    for (const perLocale of lists) {
      for (const phrases of Object.values(perLocale)) {
        for (const p of phrases) {
          const n = normalize(p);
          if (!n) continue;
          if (!table.exact.has(n)) table.exact.set(n, command);
          if (command !== 'optOut' && n.includes(' ')) table.inside.push({ phrase: ` ${n} `, command, claimedBy: claimers(` ${n} `) });
        }
      }
    }
  }
  return table;
}

/**
 * Finds a global command in a message: a `cmd:handoff|optOut|restart` button payload, a command phrase in any
 * supported language (after normalisation), or (unless `byIntent` is false) an intent listed in
 * `settings.handoffIntents`. A phrase inside a longer message gives way to a sure intent whose own example phrases
 * hold it: the demo's "are you a real person?" is its `about_bot` intent, not a request for "real person", and "start
 * again with recommendations" its `recommend`, not a restart.
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
      const other = sureIntent(flow, nlu);
      for (const { phrase, command, claimedBy } of table.inside) {
        if (padded.includes(phrase) && !(other && claimedBy.has(other))) return command;
      }
    }
  }
  const intents = flow.settings?.handoffIntents;
  if (byIntent && intents?.length && nlu?.intent && nlu.intent.confidence >= 0.6 && intents.includes(nlu.intent.name)) return 'handoff';
  return null;
}

/** The message's intent when the NLU is sure of it and it is not one of the flow's handoff intents. */
function sureIntent(flow: FlowDefinition, nlu: NluSnapshot | undefined): string | undefined {
  const intent = nlu?.intent;
  if (!intent || intent.confidence < SURE_INTENT || flow.settings?.handoffIntents?.includes(intent.name)) return undefined;
  return intent.name;
}
