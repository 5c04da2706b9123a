// The server-sent event streams of the open host pages. Each event goes to every client; a client whose socket
// does not drain (a tab in the background, a stalled process) would otherwise buffer every event in the server's
// memory, so it is dropped once its backlog passes EVENT_BACKLOG_LIMIT. Its browser reconnects (EventSource does),
// and every stream starts with the current build and state, so nothing is lost but the events in between.

import type http from 'node:http';
import { EVENT_BACKLOG_LIMIT, EVENT_CLIENTS_LIMIT } from './limits';

/** One server-sent event. */
function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** How long a dropped browser waits before reconnecting (EventSource's `retry`), in ms. */
const RECONNECT_MS = 1000;

export class EventStreams {
  private readonly clients = new Set<http.ServerResponse>();

  constructor(private readonly log: (line: string) => void) {}

  /** Starts a stream on `res` with `first` events, or refuses it (503) while EVENT_CLIENTS_LIMIT are open. */
  open(req: http.IncomingMessage, res: http.ServerResponse, first: [event: string, data: unknown][]): void {
    if (this.clients.size >= EVENT_CLIENTS_LIMIT) {
      res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end(`at most ${EVENT_CLIENTS_LIMIT} event streams at once`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: ${RECONNECT_MS}\n\n${first.map(([event, data]) => eventFrame(event, data)).join('')}`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  send(event: string, data: unknown): void {
    if (this.clients.size === 0) return;
    const frame = eventFrame(event, data);
    for (const res of this.clients) {
      if (res.writableLength > EVENT_BACKLOG_LIMIT) {
        this.log(`dropped an event client that stopped reading (${res.writableLength} bytes unsent)`);
        this.clients.delete(res);
        res.destroy();
      } else res.write(frame);
    }
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
