import { type BlockExecutor } from '../../engine/executor';
import { go, type Turn } from '../../engine/turn';
import { readPath } from '../../text/template';
import { type Comparison, type Condition, type ConditionBlock } from './schema';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeParts(now: Date, timeZone: string): Record<string, unknown> {
  let fmt = timeFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' });
    timeFormats.set(timeZone, fmt);
  }
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(now)) p[part.type] = part.value;
  const hour = Number(p.hour) % 24;
  const minute = Number(p.minute);
  return {
    hour,
    minute,
    hhmm: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday),
    date: `${p.year}-${p.month}-${p.day}`,
  };
}

function read(path: string, turn: Turn): unknown {
  if (path.startsWith('time.')) {
    let tz = turn.flow.settings?.timezone ?? 'UTC';
    try {
      return readPath(timeParts(turn.ctx.now, tz), path.slice(5));
    } catch (_e) {
      turn.log('warn', `unknown timezone "${tz}", using UTC`);
      tz = 'UTC';
      return readPath(timeParts(turn.ctx.now, tz), path.slice(5));
    }
  }
  return readPath(turn.scope(), path);
}

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

function compare(a: unknown, b: unknown): number | undefined {
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

const equal = (a: unknown, b: unknown): boolean => a === b || compare(a, b) === 0 || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase());

export function evaluate(c: Condition, turn: Turn): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, turn));
  if ('any' in c) return c.any.some((x) => evaluate(x, turn));
  if ('not' in c) return !evaluate(c.not, turn);
  return compareOne(c, read(c.left, turn));
}

function compareOne(c: Comparison, left: unknown): boolean {
  const v = c.value;
  const cmp = () => compare(left, v);
  switch (c.op) {
    case 'exists':
      return left !== undefined && left !== null && left !== '';
    case 'notExists':
      return left === undefined || left === null || left === '';
    case 'eq':
      return equal(left, v);
    case 'ne':
      return !equal(left, v);
    case 'gt':
      return (cmp() ?? NaN) > 0;
    case 'gte':
      return (cmp() ?? NaN) >= 0;
    case 'lt':
      return (cmp() ?? NaN) < 0;
    case 'lte':
      return (cmp() ?? NaN) <= 0;
    case 'in':
      return Array.isArray(v) && v.some((x) => equal(left, x));
    case 'notIn':
      return Array.isArray(v) && !v.some((x) => equal(left, x));
    case 'contains':
      if (Array.isArray(left)) return left.some((x) => equal(x, v));
      return typeof left === 'string' && left.toLowerCase().includes(String(v).toLowerCase());
    case 'startsWith':
      return typeof left === 'string' && left.toLowerCase().startsWith(String(v).toLowerCase());
    case 'matches':
      try {
        return typeof left === 'string' && new RegExp(String(v), 'iu').test(left);
      } catch (_e) {
        return false;
      }
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2) return false;
      const lo = compare(left, v[0]);
      const hi = compare(left, v[1]);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
  }
}

/** The first branch whose condition holds; else `else`. */
export const conditionExecutor: BlockExecutor<ConditionBlock> = {
  enter(b, turn) {
    for (const br of b.branches) if (evaluate(br.when, turn)) return go(br.next);
    return go(b.else);
  },
};
