/**
 * The advisory-lock key of a channel identity's conversation. Bot turns and inbox transitions take the same
 * lock, so a turn and an agent's action on one conversation never interleave.
 */
export function conversationLockKey(channelInstanceId: string, externalUserId: string): string {
  return JSON.stringify([channelInstanceId, externalUserId]);
}
