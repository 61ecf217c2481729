import type { Button, OutboundMessage, QuickReply } from '../core/messages';
import type { ChannelCapabilities } from './contract';

/** One entry of a numbered text menu: the customer answers `n` and we decode it to `payload`. */
export interface MenuOption {
  n: number;
  title: string;
  payload: string;
}

export interface FittedMessage {
  /** What to encode, in order: the original message or its degraded form. */
  messages: OutboundMessage[];
  /** Set when buttons or quick replies became a numbered text menu; keep it to decode "2" later. */
  menu?: MenuOption[];
}

/**
 * Degrades one canonical message to what a channel can show: buttons and quick replies beyond the
 * platform's limits (or on a channel without them) become a numbered text menu, cards become an
 * image plus text, media becomes a link, long texts are split.
 */
export function fitMessage(message: OutboundMessage, caps: ChannelCapabilities): FittedMessage {
  switch (message.type) {
    case 'text':
      return fitText(message.text, message.buttons ?? [], message.quickReplies ?? [], caps);
    case 'media':
      if (caps.media) return { messages: [{ ...message, caption: message.caption ? truncate(message.caption, caps.maxTextLength) : undefined }] };
      return fitText([message.caption, message.url].filter(Boolean).join('\n'), [], [], caps);
    case 'card': {
      const buttons = message.buttons ?? [];
      if (caps.cards && buttonsFit(buttons, caps.maxButtons, caps)) {
        return { messages: [{ ...message, buttons: buttons.length ? buttons.map((b) => shortenTitle(b, caps)) : undefined }] };
      }
      const lines = [message.title, message.subtitle, message.url].filter((line): line is string => Boolean(line));
      const text = fitText(lines.join('\n'), buttons, [], caps);
      if (message.imageUrl && caps.media) return { messages: [{ type: 'media', mediaType: 'image', url: message.imageUrl }, ...text.messages], menu: text.menu };
      if (message.imageUrl) return fitText([...lines, message.imageUrl].join('\n'), buttons, [], caps);
      return text;
    }
    case 'typing':
      return { messages: caps.typing ? [message] : [] };
    case 'handoff':
      return fitText(message.text, [], [], caps);
  }
}

function fitText(text: string, buttons: Button[], quickReplies: QuickReply[], caps: ChannelCapabilities): FittedMessage {
  const native = buttonsFit(buttons, caps.maxButtons, caps) && quickRepliesFit(quickReplies, caps);
  if (native) {
    const chunks = splitText(text, caps.maxTextLength);
    const last: OutboundMessage = {
      type: 'text',
      text: chunks[chunks.length - 1],
      ...(buttons.length ? { buttons: buttons.map((b) => shortenTitle(b, caps)) } : {}),
      ...(quickReplies.length ? { quickReplies: quickReplies.map((q) => ({ ...q, title: truncate(q.title, caps.maxButtonTitleLength) })) } : {}),
    };
    return { messages: [...chunks.slice(0, -1).map((chunk) => ({ type: 'text' as const, text: chunk })), last] };
  }
  const menu: MenuOption[] = [];
  const lines: string[] = [];
  for (const choice of [...buttons, ...quickReplies.map((q) => ({ type: 'postback' as const, ...q }))]) {
    if (choice.type === 'url') {
      lines.push(`${choice.title}: ${choice.url}`);
      continue;
    }
    const n = menu.length + 1;
    menu.push({ n, title: choice.title, payload: choice.payload });
    lines.push(`${n}. ${choice.title}`);
  }
  const full = lines.length ? `${text}\n\n${lines.join('\n')}` : text;
  return { messages: splitText(full, caps.maxTextLength).map((chunk) => ({ type: 'text' as const, text: chunk })), menu: menu.length ? menu : undefined };
}

function buttonsFit(buttons: Button[], max: number, caps: ChannelCapabilities): boolean {
  if (buttons.length === 0) return true;
  return buttons.length <= max && buttons.every((b) => b.type === 'url' || payloadFits(b.payload, caps));
}

function quickRepliesFit(quickReplies: QuickReply[], caps: ChannelCapabilities): boolean {
  if (quickReplies.length === 0) return true;
  return quickReplies.length <= caps.maxQuickReplies && quickReplies.every((q) => payloadFits(q.payload, caps));
}

function payloadFits(payload: string, caps: ChannelCapabilities): boolean {
  return Buffer.byteLength(payload, 'utf8') <= caps.maxPayloadBytes;
}

function shortenTitle(button: Button, caps: ChannelCapabilities): Button {
  return { ...button, title: truncate(button.title, caps.maxButtonTitleLength) };
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Splits text into chunks of at most `max` characters, preferring paragraph, line, sentence and word boundaries. */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    // One character more than fits: a separator right after the limit still makes a clean cut.
    const window = rest.slice(0, max + 1);
    let at = -1;
    let skip = 0;
    for (const separator of ['\n\n', '\n', '. ', ' ']) {
      const found = window.lastIndexOf(separator);
      const end = separator === '. ' ? found + 1 : found;
      if (found >= max / 3 && end <= max) {
        at = end;
        skip = separator === '. ' ? 1 : separator.length;
        break;
      }
    }
    if (at <= 0) {
      at = max;
      skip = 0;
    }
    chunks.push(rest.slice(0, at).trim());
    rest = rest.slice(at + skip).trim();
  }
  if (rest) chunks.push(rest);
  return chunks.length ? chunks : [text];
}

const digitOffsets: [number, number][] = [
  [0x0660, 0x0669], // Arabic-Indic
  [0x06f0, 0x06f9], // Persian (Extended Arabic-Indic)
  [0x0966, 0x096f], // Devanagari
];

/** Western digits for Arabic-Indic, Persian and Devanagari ones. */
export function normalizeDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const range = digitOffsets.find(([from, to]) => code >= from && code <= to)!;
    return String(code - range[0]);
  });
}

/** The menu option a reply like "2", "2.", "(2)" or "۲" picks, if any. */
export function menuChoice(text: string, menu: readonly MenuOption[]): MenuOption | undefined {
  const match = /^\s*[#(]?\s*(\d{1,3})\s*[).]?\s*$/.exec(normalizeDigits(text));
  if (!match) return undefined;
  const n = Number(match[1]);
  return menu.find((option) => option.n === n);
}

/** Cheap pre-check before looking a menu up: does the text look like a number choice at all? */
export function looksLikeChoice(text: string): boolean {
  return text.length <= 8 && /^\s*[#(]?\s*[\d\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]{1,3}\s*[).]?\s*$/.test(text);
}
