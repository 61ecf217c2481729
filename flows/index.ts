/**
 * The flow engine, pure part: flow schema (versioned, migrated on load), validator, and the interpreter
 * `step(flow, state, input, ctx) -> { state, outputs, effects, pending?, trace }`. No I/O, no clock, no Math.random.
 */
export { FlowDefinition, FlowIntent, FlowSettings, CURRENT_SCHEMA_VERSION, type FlowDefinitionInput } from './schema/flow';
export { intentExamples } from './schema/intent-examples';
export { LocalizedText, LocaleCode } from './schema/localized';
export { type FlowIssue } from './schema/common';
export { migrateFlow } from './schema/migrate';
export { Block, blockTypes, type BlockType, type BlockOf } from './blocks/schemas';
export { blockRegistry } from './blocks/index';
export { validateFlow, loadFlow, loadFlow as loadFlowDefinition, formatIssue, FlowValidationError, type ValidateResult } from './validate';
export { parseFlowText, parseFlowData, serializeFlow, type FlowFormat } from './io';
export { initialState, step, DEFAULT_MAX_BLOCKS_PER_TURN } from './engine/step';
export { blockIndex } from './engine/block-index';
export {
  FlowState,
  Product,
  type Effect,
  type FollowUpTrigger,
  type KnowledgeResult,
  type NluSnapshot,
  type StepContext,
  type StepInput,
  type StepLogger,
  type StepResult,
} from './engine/types';
export { matchCommand, type GlobalCommand } from './engine/commands';
export { DEFAULT_COMMANDS, DEFAULT_TEXTS } from './engine/defaults';
export { pickLocale, resolveLocale } from './text/localize';
export { renderTemplate } from './text/template';
