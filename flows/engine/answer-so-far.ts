import { type FlowState } from './types';

/** Forgets what a question gathered from the customer's earlier tries: how many failed, and a day said without a time. */
export function forgetAnswerSoFar(state: FlowState, blockId: string): void {
  delete state.retries[blockId];
  if (!state.daysWithoutTime) return;
  delete state.daysWithoutTime[blockId];
  if (!Object.keys(state.daysWithoutTime).length) delete state.daysWithoutTime;
}

/** Remembers the day a date-and-time question was answered with, without a time: a time said next is on it. */
export function rememberDayWithoutTime(state: FlowState, blockId: string, day: string): void {
  state.daysWithoutTime = { ...state.daysWithoutTime, [blockId]: day };
}
