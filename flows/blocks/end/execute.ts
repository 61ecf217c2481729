import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type EndBlock } from './schema';

export const endExecutor: BlockExecutor<EndBlock> = { enter: () => go(null) };
