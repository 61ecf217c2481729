import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { Product } from '../engine/types';
import { parseFlowText } from '../io';
import { type FlowDefinition } from '../schema/flow';
import { type ConversationScript, parseConversationScript } from './script';

export interface BotFiles {
  flow: FlowDefinition;
  catalog: Product[];
}

/** Reads a flow file (`.json`, `.yaml`, `.yml`) and validates it. */
export function readFlowFile(path: string): FlowDefinition {
  return parseFlowText(readFileSync(path, 'utf8'), path.endsWith('.json') ? 'json' : 'yaml');
}

/** Loads `flow.yaml` (or `flow.yml` / `flow.json`) and `catalog.json` (optional) from a bot folder. */
export function loadBotDir(dir: string): BotFiles {
  const flowFile = ['flow.yaml', 'flow.yml', 'flow.json'].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!flowFile) throw new Error(`no flow.yaml or flow.json in ${dir}`);
  const catalogFile = join(dir, 'catalog.json');
  const catalog = existsSync(catalogFile) ? z.array(Product).parse(JSON.parse(readFileSync(catalogFile, 'utf8'))) : [];
  return { flow: readFlowFile(flowFile), catalog };
}

/** Reads a conversation script and the bot it names (`bot: demo` → `<botsDir>/demo`, or `flow: path` relative to the script). */
export function loadScript(path: string, botsDir: string): { script: ConversationScript; bot: BotFiles } {
  const script = parseConversationScript(readFileSync(path, 'utf8'), path);
  let bot: BotFiles;
  if (script.flow) {
    const flowPath = resolve(dirname(path), script.flow);
    const catalogPath = join(dirname(flowPath), 'catalog.json');
    bot = { flow: readFlowFile(flowPath), catalog: existsSync(catalogPath) ? z.array(Product).parse(JSON.parse(readFileSync(catalogPath, 'utf8'))) : [] };
  } else if (script.bot) bot = loadBotDir(join(botsDir, script.bot));
  else throw new Error(`${path}: name a bot (bot: demo) or a flow file (flow: ./flow.yaml)`);
  return { script, bot };
}
