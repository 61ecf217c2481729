import YAML from 'yaml';
import { type FlowDefinition } from './schema/flow';
import { FlowValidationError, loadFlow } from './validate';

export type FlowFormat = 'json' | 'yaml';

/** Parses JSON or YAML text (format guessed from the first character when not given) into raw data. */
export function parseFlowData(text: string, format?: FlowFormat): unknown {
  const fmt = format ?? (/^\s*[{[]/.test(text) ? 'json' : 'yaml');
  if (fmt === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new FlowValidationError([{ path: '(json)', message: (e as Error).message, severity: 'error' }], 'flow is not valid JSON', );
    }
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new FlowValidationError(
      doc.errors.map((e) => ({ path: e.linePos ? `(yaml line ${e.linePos[0].line})` : '(yaml)', message: e.message.split('\n')[0], severity: 'error' as const })),
      'flow is not valid YAML',
    );
  }
  return doc.toJS() as unknown;
}

/** Parses, migrates and validates a flow; throws `FlowValidationError` with every issue. Warnings are not errors. */
export function parseFlowText(text: string, format?: FlowFormat): FlowDefinition {
  return loadFlow(parseFlowData(text, format));
}

export function serializeFlow(flow: FlowDefinition, format: FlowFormat): string {
  return format === 'json' ? `${JSON.stringify(flow, null, 2)}\n` : YAML.stringify(flow, { lineWidth: 0 });
}
