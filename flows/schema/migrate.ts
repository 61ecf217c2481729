import { CURRENT_SCHEMA_VERSION } from './flow';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Schema version 1 (before 2): `startBlock` instead of `start`, `languages` and `defaultLocale` instead of
 * `locales` and `fallbackLocale`, blocks as an object keyed by id, `text` blocks (now `message`) and `question`
 * blocks with `variable` and `retries` (now `ask` with `var` and `maxTries`).
 */
function v1ToV2(flow: Record<string, unknown>): Record<string, unknown> {
  const { startBlock, languages, defaultLocale, blocks, ...rest } = flow;
  const list = isObject(blocks) ? Object.entries(blocks).map(([id, b]) => (isObject(b) ? { id, ...b } : b)) : blocks;
  return {
    ...rest,
    schemaVersion: 2,
    start: rest.start ?? startBlock,
    locales: rest.locales ?? languages,
    fallbackLocale: rest.fallbackLocale ?? defaultLocale,
    blocks: Array.isArray(list)
      ? list.map((b) => {
          if (!isObject(b)) return b;
          if (b.type === 'text') return { ...b, type: 'message' };
          if (b.type === 'question') {
            const { variable, retries, ...q } = b;
            return { ...q, type: 'ask', var: q.var ?? variable, ...(retries !== undefined ? { maxTries: retries } : {}) };
          }
          return b;
        })
      : list,
  };
}

const steps: Record<number, (flow: Record<string, unknown>) => Record<string, unknown>> = { 1: v1ToV2 };

/**
 * Upgrades a raw flow (parsed JSON/YAML) of an older schema version to the current one, one version at a time.
 * A flow without `schemaVersion` is version 1. Anything else (not an object, a future version) is returned as is and
 * rejected by validation.
 */
export function migrateFlow(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  let flow = raw;
  let version = flow.schemaVersion === undefined ? 1 : flow.schemaVersion;
  while (typeof version === 'number' && version < CURRENT_SCHEMA_VERSION && steps[version]) {
    flow = steps[version](flow);
    version = flow.schemaVersion as number;
  }
  return flow;
}
