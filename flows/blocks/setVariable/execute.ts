import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type SetVariableBlock } from './schema';

export const setVariableExecutor: BlockExecutor<SetVariableBlock> = {
  enter(b, turn) {
    for (const s of b.set) {
      const current = turn.state.vars[s.var];
      switch (s.op ?? 'set') {
        case 'set':
          turn.setVar(s.var, turn.renderValues(s.value));
          break;
        case 'increment':
          turn.setVar(s.var, (typeof current === 'number' ? current : Number(current) || 0) + (typeof s.value === 'number' ? s.value : 1));
          break;
        case 'append':
          turn.setVar(s.var, [...(Array.isArray(current) ? current : current === undefined ? [] : [current]), turn.renderValues(s.value)]);
          break;
        case 'unset':
          delete turn.state.vars[s.var];
          break;
      }
    }
    return go(b.next);
  },
};
