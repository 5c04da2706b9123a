// The WeCom server over HTTP: one POST of JSON, one JSON answer (service.ts). The same request handling serves
// CloudBase's HTTP access to a cloud function (its integration request and response:
// docs/platforms.md#wecom-reaching-the-server) and a plain Node server (locally, on 127.0.0.1). Nothing but a JSON
// POST is answered.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WecomService } from './service';

/** No request of the page comes near it: a task's draft is the largest, a few KB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const json = (statusCode: number, value: unknown): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(value),
});

const refuse = (statusCode: number, message: string) =>
  json(statusCode, { ok: false, error: { code: 'INVALID_REQUEST', message } });

/** One HTTP request: `contentType` as sent, `body` the raw text. */
export async function answerHttp(
  service: WecomService,
  request: { method: string; contentType: string | undefined; body: string },
): Promise<HttpAnswer> {
  if (request.method !== 'POST') return refuse(405, 'only POST');
  if (!/^application\/json\b/i.test(request.contentType ?? '')) return refuse(415, 'the body must be JSON');
  if (Buffer.byteLength(request.body) > BODY_LIMIT_BYTES) return refuse(413, 'the body is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  return json(200, await service.handle(parsed));
}

/** CloudBase HTTP access's integration request, as far as it is read here. */
export interface CloudbaseHttpEvent {
  httpMethod?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** A cloud function's main for CloudBase HTTP access: the integration request in, the integration response out. */
export function cloudbaseHttpMain(service: WecomService) {
  return (event: CloudbaseHttpEvent): Promise<HttpAnswer> => {
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const raw = event.body ?? '';
    return answerHttp(service, {
      method: (event.httpMethod ?? '').toUpperCase(),
      contentType: headers['content-type'],
      body: event.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw,
    });
  };
}

/** A Node server on 127.0.0.1 (port 0: any free one); resolves once it listens, with its URL. */
export function listenWecom(service: WecomService, port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      // Chunks beyond the limit were dropped: the size says so, not the text kept.
      if (size > BODY_LIMIT_BYTES) {
        const answer = refuse(413, 'the body is too large');
        res.writeHead(answer.statusCode, answer.headers);
        res.end(answer.body);
        return;
      }
      void answerHttp(service, {
        method: req.method ?? '',
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      }).then((answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        res.end(answer.body);
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${bound}` });
    });
  });
}
