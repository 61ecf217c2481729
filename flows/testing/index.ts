/** Conversation tests: YAML scripts of user lines and expected replies, run in memory or through any driver. */
export { ConversationScript, ScriptStep, parseConversationScript } from './script';
export { runConversation, formatReport, checkExpectation, replyText, type ScriptReport, type StepReport } from './runner';
export { MemoryDriver, createMemoryDriver, durationToMs, type ConversationDriver, type DriverInput, type DriverReply, type MemoryDriverOptions } from './driver';
export { createKeywordNlu } from './keywordNlu';
export { loadBotDir, loadScript, readFlowFile, type BotFiles } from './files';
export { generateFlow } from './bigFlow';
