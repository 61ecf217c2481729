/** Thin client for the platform API (session cookie, same origin) and the inbox websocket. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, options: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : {};
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? res.statusText);
  return data as T;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'marketer' | 'agent';
}

export interface InboxItem {
  conversationId: string;
  botId: string;
  owner: string;
  status: 'waiting' | 'assigned' | 'done';
  reason: string;
  priority: number;
  priorityLabel: string;
  language: string | null;
  dir: 'rtl' | 'ltr';
  channel: string;
  leadScore: number;
  requestedAt: string;
  assignedAgentId: string | null;
  agentName: string | null;
  slaDueAt: string | null;
  contact: { id: string; name: string; email: string | null; phone: string | null };
  captured: Record<string, unknown>;
  unread: number;
  lastMessageId: number;
}

export interface Message {
  id: number;
  conversationId: string;
  direction: 'in' | 'out';
  sender: 'contact' | 'bot' | 'agent' | 'system';
  senderId: string | null;
  type: string;
  text: string;
  createdAt: string;
}

export interface Note {
  id: number;
  authorName: string | null;
  text: string;
  createdAt: string;
}

export interface Detail {
  conversation: {
    id: string;
    botId: string;
    owner: string;
    assignedAgentId: string | null;
    agentName: string | null;
    language: string | null;
    dir: 'rtl' | 'ltr';
    channel: string | null;
    canReply: boolean;
    transitions: string[];
  };
  contact: { name: string; email: string | null; phone: string | null; locale: string | null; fields: Record<string, unknown> } | null;
  lead: { score: number; status: string; fields: Record<string, unknown> } | null;
  request: { reason: string; priority: number; priorityLabel: string; requestedAt: string; slaDueAt: string | null; status: string } | null;
  captured: Record<string, unknown>;
  summary: string;
}

export interface Agent {
  userId: string;
  name: string;
  email: string;
  status: string;
  openCount: number;
  maxOpen: number;
  languages: string[];
}

export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  locale: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are dynamic JSON read field by field
export type Frame = { type: string; [key: string]: any };

/** The inbox websocket with automatic reconnects; `onOpen` runs after every (re)connect so the UI can refetch. */
export function connectInbox(onFrame: (frame: Frame) => void, onOpen: () => void, onStatus: (online: boolean) => void) {
  let ws: WebSocket | undefined;
  let stopped = false;
  let delay = 500;
  let ping: ReturnType<typeof setInterval> | undefined;
  const open = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/inbox/ws`;
    ws = new WebSocket(url);
    ws.onopen = () => {
      delay = 500;
      onStatus(true);
      onOpen();
      ping = setInterval(() => ws?.readyState === WebSocket.OPEN && ws.send(JSON.stringify({ type: 'ping' })), 25000);
    };
    ws.onmessage = (event) => onFrame(JSON.parse(String(event.data)) as Frame);
    ws.onclose = () => {
      clearInterval(ping);
      onStatus(false);
      if (!stopped) setTimeout(open, (delay = Math.min(delay * 2, 10000)));
    };
  };
  open();
  return {
    send: (frame: Frame) => ws?.readyState === WebSocket.OPEN && ws.send(JSON.stringify(frame)),
    close: () => {
      stopped = true;
      ws?.close();
    },
  };
}
