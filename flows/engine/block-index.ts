import { type Block } from '../blocks/schemas';
import { type FlowDefinition } from '../schema/flow';

const indexes = new WeakMap<FlowDefinition, Map<string, Block>>();

/** Blocks by id (cached per flow object). */
export function blockIndex(flow: FlowDefinition): Map<string, Block> {
  let index = indexes.get(flow);
  if (!index) {
    index = new Map(flow.blocks.map((b) => [b.id, b]));
    indexes.set(flow, index);
  }
  return index;
}
