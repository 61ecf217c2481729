import { findConversation } from '../../core/repositories/conversations';
import type { TurnResult } from '../../bots/runtime/types';
import { deliveryServiceFor } from '../channels/delivery';
import type { AppContext } from '../context';

/**
 * Sends the replies a turn without a customer message stored (a due follow-up, a hand back to the bot)
 * on the conversation's own channel. Customer turns are answered by their channel directly.
 */
export async function deliverTurnReplies(ctx: AppContext, turn: TurnResult): Promise<void> {
  if (turn.replyIds.length === 0) return;
  const conversation = await findConversation(ctx.db, turn.conversationId);
  if (!conversation) return;
  await deliveryServiceFor(ctx).deliver(
    { conversationId: conversation.id, channelInstanceId: conversation.channelInstanceId, externalUserId: conversation.externalUserId },
    turn.replyIds.map((id, index) => ({ id, message: turn.replies[index] })),
  );
}
