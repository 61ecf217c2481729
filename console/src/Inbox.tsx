import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, connectInbox, type Agent, type CannedReply, type Detail, type Frame, type InboxItem, type Message, type Note, type User } from './api';

type View = 'queue' | 'mine' | 'all';
const outcomes = [
  ['won', 'Won'],
  ['lost', 'Lost'],
  ['not_a_lead', 'Not a lead'],
] as const;

const since = (iso: string) => {
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
  return minutes < 1 ? 'just now' : minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
};

/** The agent inbox: queue / mine / all, the conversation with transcript, contact & lead panel and actions. */
export function Inbox({ user }: { user: User }) {
  const [view, setView] = useState<View>('queue');
  const [items, setItems] = useState<InboxItem[]>([]);
  const [counts, setCounts] = useState<Record<View, number>>({ queue: 0, mine: 0, all: 0 });
  const [selected, setSelected] = useState<string | null>(null);
  const [online, setOnline] = useState(false);
  const [status, setStatus] = useState('away');
  const [alert, setAlert] = useState('');
  const socket = useRef<ReturnType<typeof connectInbox>>(undefined);
  const frameListeners = useRef(new Set<(frame: Frame) => void>());
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const views: View[] = user.role === 'admin' ? ['queue', 'mine', 'all'] : ['queue', 'mine'];
  const load = useCallback(async () => {
    const results = await Promise.all(views.map((v) => api<{ conversations: InboxItem[] }>(`/api/inbox/conversations?view=${v}`).catch(() => ({ conversations: [] }))));
    const next = Object.fromEntries(views.map((v, i) => [v, results[i].conversations])) as Record<View, InboxItem[]>;
    setCounts({ queue: next.queue?.length ?? 0, mine: next.mine?.length ?? 0, all: next.all?.length ?? 0 });
    setItems(next[view] ?? []);
  }, [view, user.role]);
  const scheduleLoad = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void load(), 150);
  }, [load]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void api<{ profile: { status: string } }>('/api/inbox/me').then((r) => setStatus(r.profile.status));
  }, []);
  const loadRef = useRef(scheduleLoad);
  loadRef.current = scheduleLoad;
  useEffect(() => {
    const connection = connectInbox(
      (frame) => {
        if (frame.type === 'inbox.changed' || frame.type === 'read') loadRef.current();
        if (frame.type === 'message' && frame.message?.direction === 'in') loadRef.current();
        if (frame.type === 'alert') setAlert(frame.event.kind === 'sla.first_response' ? 'A conversation went back to the queue: no answer within the SLA.' : 'A customer has been waiting long in the queue.');
        for (const listener of frameListeners.current) listener(frame);
      },
      () => {
        loadRef.current();
        for (const listener of frameListeners.current) listener({ type: 'reconnected' });
      },
      setOnline,
    );
    socket.current = connection;
    return () => connection.close();
  }, []);

  const changeStatus = async (next: string) => {
    const result = await api<{ profile: { status: string } }>('/api/inbox/me', { method: 'PATCH', body: { status: next } });
    setStatus(result.profile.status);
    scheduleLoad();
  };

  return (
    <div className="inbox">
      <aside className="lists" aria-label="Conversations">
        <div className="status-row">
          <label>
            My status{' '}
            <select value={status} onChange={(e) => void changeStatus(e.target.value)}>
              <option value="online">Online (get conversations)</option>
              <option value="away">Away</option>
            </select>
          </label>
          <span className={online ? 'live on' : 'live'} aria-live="polite">{online ? 'live' : 'reconnecting…'}</span>
        </div>
        <div role="tablist" aria-label="Inbox views">
          {views.map((v) => (
            <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => setView(v)}>
              {v === 'queue' ? 'Queue' : v === 'mine' ? 'Mine' : 'All'} <span className="count">{counts[v]}</span>
            </button>
          ))}
        </div>
        {alert && (
          <p role="alert" className="alert">
            {alert} <button type="button" onClick={() => setAlert('')} aria-label="Dismiss alert">×</button>
          </p>
        )}
        <ul className="items" aria-label={`${view} conversations`}>
          {items.length === 0 && <li className="empty">Nothing here.</li>}
          {items.map((item) => (
            <li key={item.conversationId}>
              <button type="button" className={selected === item.conversationId ? 'item selected' : 'item'} onClick={() => setSelected(item.conversationId)} aria-current={selected === item.conversationId}>
                <span className="item-top">
                  <strong dir="auto">{item.contact.name}</strong>
                  {item.unread > 0 && <span className="unread" aria-label={`${item.unread} unread`}>{item.unread}</span>}
                </span>
                <span className="item-meta">
                  <span className={`prio prio-${item.priorityLabel}`}>{item.priorityLabel}</span> {item.channel} · {item.language ?? '—'} · score {item.leadScore} · {since(item.requestedAt)}
                </span>
                <span className="item-reason" dir="auto">{item.reason}</span>
                {item.agentName && view === 'all' && <span className="item-agent">with {item.agentName}</span>}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      {selected ? (
        <Conversation key={selected} id={selected} user={user} socket={socket} listeners={frameListeners.current} onChanged={scheduleLoad} />
      ) : (
        <main className="placeholder">Pick a conversation from the queue.</main>
      )}
    </div>
  );
}

function Conversation(props: {
  id: string;
  user: User;
  socket: { current?: ReturnType<typeof connectInbox> };
  listeners: Set<(frame: Frame) => void>;
  onChanged: () => void;
}) {
  const { id, socket, listeners, onChanged } = props;
  const [detail, setDetail] = useState<Detail | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [notes, setNotes] = useState<Note[]>([]);
  const [reply, setReply] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [typing, setTyping] = useState(false);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [transferTo, setTransferTo] = useState('');
  const [outcome, setOutcome] = useState('won');
  const lastId = useRef(0);
  const lastTyping = useRef(0);

  const merge = useCallback((incoming: Message[]) => {
    setMessages((current) => {
      const byId = new Map(current.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      const list = [...byId.values()].sort((a, b) => a.id - b.id);
      lastId.current = list.at(-1)?.id ?? 0;
      return list;
    });
  }, []);
  const loadDetail = useCallback(async () => {
    try {
      setDetail(await api<Detail>(`/api/inbox/conversations/${id}`));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not load the conversation');
    }
  }, [id]);
  /** Catch up after (re)connecting: only messages after the last one we have; merged by id, so nothing twice. */
  const catchUp = useCallback(async () => {
    const result = await api<{ messages: Message[]; notes: Note[] }>(`/api/inbox/conversations/${id}/messages?after=${lastId.current}`);
    merge(result.messages);
    setNotes(result.notes);
  }, [id, merge]);

  useEffect(() => {
    lastId.current = 0;
    void loadDetail();
    void catchUp();
    socket.current?.send({ type: 'watch', conversationId: id });
    const listener = (frame: Frame) => {
      if (frame.type === 'reconnected') {
        socket.current?.send({ type: 'watch', conversationId: id });
        void catchUp();
        void loadDetail();
      }
      if (frame.conversationId !== id) return;
      if (frame.type === 'message') merge([frame.message as Message]);
      if (frame.type === 'note') setNotes((n) => (n.some((x) => x.id === frame.note.id) ? n : [...n, frame.note as Note]));
      if (frame.type === 'typing') {
        setTyping(Boolean(frame.typing));
        setTimeout(() => setTyping(false), 4000);
      }
    };
    const changed = (frame: Frame) => {
      if (frame.type === 'inbox.changed' && frame.event?.conversationId === id) void loadDetail();
    };
    listeners.add(listener);
    listeners.add(changed);
    return () => {
      listeners.delete(listener);
      listeners.delete(changed);
      socket.current?.send({ type: 'watch', conversationId: null });
    };
  }, [id, catchUp, loadDetail, merge, listeners, socket]);

  useEffect(() => {
    if (messages.length === 0) return;
    void api(`/api/inbox/conversations/${id}/read`, { body: { messageId: messages.at(-1)!.id } }).catch(() => undefined);
  }, [id, messages]);
  useEffect(() => {
    void api<{ agents: Agent[] }>('/api/inbox/agents').then((r) => setAgents(r.agents));
  }, []);
  useEffect(() => {
    if (!detail) return;
    const locale = detail.conversation.language ?? 'en';
    void api<{ cannedReplies: CannedReply[] }>(`/api/inbox/canned-replies?botId=${encodeURIComponent(detail.conversation.botId)}&locale=${encodeURIComponent(locale)}`).then((r) => setCanned(r.cannedReplies));
  }, [detail?.conversation.botId, detail?.conversation.language]);

  const act = async (path: string, body: unknown = {}) => {
    setError('');
    try {
      await api(`/api/inbox/conversations/${id}/${path}`, { body });
      await loadDetail();
      await catchUp();
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Something went wrong');
    }
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = reply.trim();
    if (!text) return;
    const clientId = crypto.randomUUID();
    setError('');
    try {
      const result = await api<{ messages?: Message[] }>(`/api/inbox/conversations/${id}/messages`, { body: { text, clientId } });
      if (result.messages) merge(result.messages);
      setReply('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Not sent');
    }
  };
  const addNote = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    await act('notes', { text: note });
    setNote('');
  };
  const onReplyChange = (value: string) => {
    setReply(value);
    if (Date.now() - lastTyping.current > 2000) {
      lastTyping.current = Date.now();
      socket.current?.send({ type: 'typing', conversationId: id, typing: true });
    }
  };

  if (!detail) return <main className="conversation">{error ? <p role="alert">{error}</p> : 'Loading…'}</main>;
  const c = detail.conversation;
  const can = (t: string) => c.transitions.includes(t);
  const timeline = [
    ...messages.map((m) => ({ key: `m${m.id}`, at: m.createdAt, kind: m.sender, text: m.text, label: labelOf(m), id: m.id })),
    ...notes.map((n) => ({ key: `n${n.id}`, at: n.createdAt, kind: 'note' as const, text: n.text, label: `Note by ${n.authorName || 'agent'}`, id: 0 })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id - b.id);

  return (
    <main className="conversation" aria-label="Conversation">
      <section className="thread">
        <header className="thread-head">
          <h2 dir="auto">{detail.contact?.name ?? 'Visitor'}</h2>
          <span className="owner">
            {c.owner === 'human' ? `with ${c.agentName || 'an agent'}` : c.owner === 'queue' ? 'waiting in the queue' : c.owner === 'bot' ? 'with the bot' : 'closed'}
          </span>
          <div className="actions">
            {can('claim') && <button type="button" onClick={() => void act('claim')}>Claim</button>}
            {c.canReply && can('requeue') && <button type="button" onClick={() => void act('requeue')}>Back to queue</button>}
            {(c.canReply || props.user.role === 'admin') && can('handBack') && <button type="button" onClick={() => void act('handback')}>Hand back to bot</button>}
          </div>
        </header>
        {error && <p role="alert" className="error">{error}</p>}
        <ol className="transcript" aria-label="Transcript" dir={c.dir} lang={c.language ?? undefined}>
          {timeline.map((m) => (
            <li key={m.key} className={`msg msg-${m.kind}`} data-sender={m.kind}>
              <span className="msg-label">{m.label}</span>
              <span className="msg-text" dir="auto">{m.text}</span>
            </li>
          ))}
        </ol>
        {typing && <p className="typing" aria-live="polite">The customer is typing…</p>}
        <form className="reply" onSubmit={send}>
          <label htmlFor="reply">Reply to the customer</label>
          {canned.length > 0 && (
            <select aria-label="Canned replies" value="" onChange={(e) => setReply((r) => (r ? `${r} ` : '') + (canned.find((x) => x.id === e.target.value)?.text ?? ''))} disabled={!c.canReply}>
              <option value="">Insert a canned reply…</option>
              {canned.map((x) => (
                <option key={x.id} value={x.id}>/{x.shortcut} — {x.title}</option>
              ))}
            </select>
          )}
          <textarea id="reply" dir={c.dir} value={reply} onChange={(e) => onReplyChange(e.target.value)} disabled={!c.canReply} placeholder={c.canReply ? 'Write a reply…' : 'Claim the conversation to reply'} onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e); }} />
          <button type="submit" disabled={!c.canReply}>Send</button>
        </form>
        <form className="note" onSubmit={addNote}>
          <label htmlFor="note">Private note (only agents see it)</label>
          <textarea id="note" value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">Add note</button>
        </form>
      </section>
      <aside className="panel" aria-label="Contact and lead">
        <h3>Contact</h3>
        <dl>
          <dt>Name</dt><dd dir="auto">{detail.contact?.name}</dd>
          <dt>Email</dt><dd>{detail.contact?.email ?? '—'}</dd>
          <dt>Phone</dt><dd>{detail.contact?.phone ?? '—'}</dd>
          <dt>Language</dt><dd>{c.language ?? '—'}</dd>
          <dt>Channel</dt><dd>{c.channel}</dd>
        </dl>
        <h3>Lead</h3>
        <dl>
          <dt>Score</dt><dd>{detail.lead?.score ?? 0}</dd>
          <dt>Status</dt><dd>{detail.lead?.status ?? '—'}</dd>
          {detail.request && (<><dt>Reason</dt><dd dir="auto">{detail.request.reason}</dd><dt>Priority</dt><dd>{detail.request.priorityLabel} ({detail.request.priority})</dd></>)}
        </dl>
        <h3>Captured</h3>
        <dl>
          {Object.entries(detail.captured).filter(([, v]) => typeof v !== 'object').map(([k, v]) => (
            <div key={k}><dt>{k}</dt><dd dir="auto">{String(v)}</dd></div>
          ))}
        </dl>
        <h3>Summary</h3>
        <pre className="summary" dir="auto">{detail.summary}</pre>
        {(c.canReply || props.user.role === 'admin') && can('transfer') && (
          <form onSubmit={(e) => { e.preventDefault(); if (transferTo) void act('transfer', { agentId: transferTo }); }}>
            <h3>Transfer</h3>
            <label>
              Colleague{' '}
              <select value={transferTo} onChange={(e) => setTransferTo(e.target.value)}>
                <option value="">Choose…</option>
                {agents.filter((a) => a.userId !== c.assignedAgentId).map((a) => (
                  <option key={a.userId} value={a.userId}>{a.name || a.email} · {a.status} · {a.openCount}/{a.maxOpen}</option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={!transferTo}>Transfer</button>
          </form>
        )}
        {can('close') && c.owner !== 'bot' && (
          <form onSubmit={(e) => { e.preventDefault(); void act('close', { outcome }); }}>
            <h3>Close</h3>
            <fieldset>
              <legend>Outcome</legend>
              {outcomes.map(([value, label]) => (
                <label key={value}><input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} /> {label}</label>
              ))}
            </fieldset>
            <button type="submit">Close conversation</button>
          </form>
        )}
      </aside>
    </main>
  );
}

function labelOf(m: Message): string {
  switch (m.sender) {
    case 'contact':
      return 'Customer';
    case 'bot':
      return 'Bot';
    case 'agent':
      return 'Agent';
    default:
      return 'Notice';
  }
}
