// The host page's link to the simulator server: calls, state, and the server-sent event stream.

import type { AppInfo, BuildStatus, ChatState, ServerCall, ServerReply } from '../shared/server-api';

export async function serverCall(call: ServerCall): Promise<unknown> {
  const response = await fetch('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call),
  });
  const reply = (await response.json()) as ServerReply;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export async function fetchState(): Promise<ChatState> {
  return (await (await fetch('/api/state')).json()) as ChatState;
}

export async function fetchAppInfo(): Promise<AppInfo> {
  return (await (await fetch('/api/app')).json()) as AppInfo;
}

export interface ServerEvents {
  build(status: BuildStatus): void;
  state(state: ChatState): void;
  /** The emulator was restarted after an edit under emulator/: the chats started over. */
  reset(): void;
}

export function subscribe(handlers: ServerEvents): EventSource {
  const source = new EventSource('/events');
  source.addEventListener('build', (ev) =>
    handlers.build(JSON.parse((ev as MessageEvent<string>).data) as BuildStatus),
  );
  source.addEventListener('state', (ev) => handlers.state(JSON.parse((ev as MessageEvent<string>).data) as ChatState));
  source.addEventListener('reset', () => handlers.reset());
  return source;
}
