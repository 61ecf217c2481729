import type http from 'node:http';
import type { AppContext } from '../context';
import { InboxService, type InboxServiceOptions } from './service';
import { InboxSockets } from './sockets';

/** The inbox of one running platform: the service, and its websockets once a server is known. */
export interface InboxHandle {
  service: InboxService;
  sockets: InboxSockets;
  attachServer(server: http.Server): void;
}

const handles = new WeakMap<AppContext, InboxHandle>();

/** The inbox of a platform context, created on first use (routes and startInbox share it). */
export function inboxFor(ctx: AppContext, options: InboxServiceOptions = {}): InboxHandle {
  let handle = handles.get(ctx);
  if (!handle) {
    const service = new InboxService(ctx, options);
    const sockets = new InboxSockets(ctx, service);
    handle = { service, sockets, attachServer: (server) => sockets.attach(server) };
    handles.set(ctx, handle);
  }
  return handle;
}

export function forgetInbox(ctx: AppContext): void {
  handles.delete(ctx);
}
