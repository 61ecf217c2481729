import { type BlockExecutor } from '../engine/executor';
import { type Outcome, type ResumeEvent, type Turn } from '../engine/turn';
import { type BlockMeta } from '../schema/common';
import { abSplitExecutor } from './abSplit/execute';
import { abSplitMeta } from './abSplit/schema';
import { askExecutor } from './ask/execute';
import { askMeta } from './ask/schema';
import { conditionExecutor } from './condition/execute';
import { conditionMeta } from './condition/schema';
import { crmExecutor } from './crm/execute';
import { crmMeta } from './crm/schema';
import { endExecutor } from './end/execute';
import { endMeta } from './end/schema';
import { followUpExecutor } from './followUp/execute';
import { followUpMeta } from './followUp/schema';
import { gotoExecutor } from './goto/execute';
import { gotoMeta } from './goto/schema';
import { handoffExecutor } from './handoff/execute';
import { handoffMeta } from './handoff/schema';
import { intentExecutor } from './intent/execute';
import { intentMeta } from './intent/schema';
import { knowledgeExecutor } from './knowledge/execute';
import { knowledgeMeta } from './knowledge/schema';
import { messageExecutor } from './message/execute';
import { messageMeta } from './message/schema';
import { recommendExecutor } from './recommend/execute';
import { recommendMeta } from './recommend/schema';
import { type Block, type BlockOf, type BlockType } from './schemas';
import { setVariableExecutor } from './setVariable/execute';
import { setVariableMeta } from './setVariable/schema';
import { updateContactExecutor } from './updateContact/execute';
import { updateContactMeta } from './updateContact/schema';
import { updateLeadExecutor } from './updateLead/execute';
import { updateLeadMeta } from './updateLead/schema';
import { webhookExecutor } from './webhook/execute';
import { webhookMeta } from './webhook/schema';

export type BlockDefinition<B> = BlockMeta<B> & BlockExecutor<B>;

/** The literal registry of block types: adding a block = its folder (`schema.ts`, `execute.ts`) + one line here and in `./schemas.ts`. */
export const blockRegistry: { [T in BlockType]: BlockDefinition<BlockOf<T>> } = {
  message: { ...messageMeta, ...messageExecutor },
  ask: { ...askMeta, ...askExecutor },
  intent: { ...intentMeta, ...intentExecutor },
  condition: { ...conditionMeta, ...conditionExecutor },
  setVariable: { ...setVariableMeta, ...setVariableExecutor },
  updateContact: { ...updateContactMeta, ...updateContactExecutor },
  updateLead: { ...updateLeadMeta, ...updateLeadExecutor },
  recommend: { ...recommendMeta, ...recommendExecutor },
  knowledge: { ...knowledgeMeta, ...knowledgeExecutor },
  handoff: { ...handoffMeta, ...handoffExecutor },
  crm: { ...crmMeta, ...crmExecutor },
  webhook: { ...webhookMeta, ...webhookExecutor },
  abSplit: { ...abSplitMeta, ...abSplitExecutor },
  followUp: { ...followUpMeta, ...followUpExecutor },
  goto: { ...gotoMeta, ...gotoExecutor },
  end: { ...endMeta, ...endExecutor },
};

/** The one exhaustive switch from a block to its definition (a new type that is not listed fails to compile). */
export function definitionOf(block: Block): BlockDefinition<Block> {
  const def = ((): BlockDefinition<never> => {
    switch (block.type) {
      case 'message':
        return blockRegistry.message;
      case 'ask':
        return blockRegistry.ask;
      case 'intent':
        return blockRegistry.intent;
      case 'condition':
        return blockRegistry.condition;
      case 'setVariable':
        return blockRegistry.setVariable;
      case 'updateContact':
        return blockRegistry.updateContact;
      case 'updateLead':
        return blockRegistry.updateLead;
      case 'recommend':
        return blockRegistry.recommend;
      case 'knowledge':
        return blockRegistry.knowledge;
      case 'handoff':
        return blockRegistry.handoff;
      case 'crm':
        return blockRegistry.crm;
      case 'webhook':
        return blockRegistry.webhook;
      case 'abSplit':
        return blockRegistry.abSplit;
      case 'followUp':
        return blockRegistry.followUp;
      case 'goto':
        return blockRegistry.goto;
      case 'end':
        return blockRegistry.end;
      default: {
        const unknownType: never = block;
        throw new Error(`unknown block type ${(unknownType as { type: string }).type}`);
      }
    }
  })();
  return def as unknown as BlockDefinition<Block>;
}

export function enterBlock(block: Block, turn: Turn): Outcome {
  return definitionOf(block).enter(block, turn);
}

export function resumeBlock(block: Block, turn: Turn, event: ResumeEvent): Outcome {
  const def = definitionOf(block);
  return def.resume ? def.resume(block, turn, event) : def.enter(block, turn);
}
