import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Block, blockRegistry, blockTypes } from '../../../flows/index';

describe('block registry', () => {
  const dir = join(__dirname, '..', '..', '..', 'flows', 'blocks');
  const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

  it('every block folder has schema.ts and execute.ts and is registered (and nothing else is)', () => {
    for (const f of folders) {
      expect(existsSync(join(dir, f, 'schema.ts'))).toBe(true);
      expect(existsSync(join(dir, f, 'execute.ts'))).toBe(true);
    }
    expect(Object.keys(blockRegistry).sort()).toEqual(folders);
    expect([...blockTypes].sort()).toEqual(folders);
    expect(Block.options.map((o) => o.shape.type.value).sort()).toEqual(folders);
  });

  it('every definition has enter, targets and texts', () => {
    for (const def of Object.values(blockRegistry)) {
      expect(typeof def.enter).toBe('function');
      expect(typeof def.targets).toBe('function');
      expect(typeof def.texts).toBe('function');
    }
  });
});
