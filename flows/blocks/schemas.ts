import { z } from 'zod';
import { AbSplitBlock } from './abSplit/schema';
import { AskBlock } from './ask/schema';
import { ConditionBlock } from './condition/schema';
import { CrmBlock } from './crm/schema';
import { EndBlock } from './end/schema';
import { FollowUpBlock } from './followUp/schema';
import { GotoBlock } from './goto/schema';
import { HandoffBlock } from './handoff/schema';
import { IntentBlock } from './intent/schema';
import { KnowledgeBlock } from './knowledge/schema';
import { MessageBlock } from './message/schema';
import { RecommendBlock } from './recommend/schema';
import { SetVariableBlock } from './setVariable/schema';
import { UpdateContactBlock } from './updateContact/schema';
import { UpdateLeadBlock } from './updateLead/schema';
import { WebhookBlock } from './webhook/schema';

/** Schemas of all block types, by type. Adding a block type: its folder, one line here and one in `./index.ts`. */
export const blockSchemas = {
  message: MessageBlock,
  ask: AskBlock,
  intent: IntentBlock,
  condition: ConditionBlock,
  setVariable: SetVariableBlock,
  updateContact: UpdateContactBlock,
  updateLead: UpdateLeadBlock,
  recommend: RecommendBlock,
  knowledge: KnowledgeBlock,
  handoff: HandoffBlock,
  crm: CrmBlock,
  webhook: WebhookBlock,
  abSplit: AbSplitBlock,
  followUp: FollowUpBlock,
  goto: GotoBlock,
  end: EndBlock,
} as const;

export type BlockType = keyof typeof blockSchemas;
export const blockTypes = Object.keys(blockSchemas) as BlockType[];

export const Block = z.discriminatedUnion('type', [
  MessageBlock,
  AskBlock,
  IntentBlock,
  ConditionBlock,
  SetVariableBlock,
  UpdateContactBlock,
  UpdateLeadBlock,
  RecommendBlock,
  KnowledgeBlock,
  HandoffBlock,
  CrmBlock,
  WebhookBlock,
  AbSplitBlock,
  FollowUpBlock,
  GotoBlock,
  EndBlock,
]);
export type Block = z.infer<typeof Block>;
export type BlockOf<T extends BlockType> = Extract<Block, { type: T }>;
