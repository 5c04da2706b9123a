// Who may talk to the simulator's server, and what it reads from them. It listens on 127.0.0.1, but every web page
// the same browser opens can send it requests: a name of the attacker's that resolves to 127.0.0.1 (DNS rebinding)
// carries the attacker's Host, and a cross-site request carries its page's Origin or Sec-Fetch-Site. A POST must be
// JSON, which a page elsewhere can only send after a CORS preflight, which this server never grants.

import type http from 'node:http';
import { BODY_LIMIT } from './limits';

/** An answer other than 200, with the reason the client is told. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The Host values of this server: the names a browser on this machine reaches 127.0.0.1 by, with the port. */
function ownHosts(port: number): string[] {
  return ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${port}`);
}

/** Sec-Fetch-Site values of a request the server's own pages make, or the address bar. */
const OWN_FETCH_SITES = ['same-origin', 'none'];

/** Refuses (HttpError 403) a request not addressed to this server, or sent from a page of another origin. */
export function checkCaller(headers: http.IncomingHttpHeaders, port: number): void {
  const hosts = ownHosts(port);
  const host = headers.host?.toLowerCase();
  if (host === undefined || !hosts.includes(host)) {
    throw new HttpError(403, `refused: Host ${host ?? '(none)'} is not this server (${hosts.join(', ')})`);
  }
  const origin = headers.origin?.toLowerCase();
  if (origin !== undefined && !hosts.some((own) => origin === `http://${own}`)) {
    throw new HttpError(403, `refused: Origin ${origin} is not this server's`);
  }
  const site = headers['sec-fetch-site']?.toLowerCase();
  if (site !== undefined && !OWN_FETCH_SITES.includes(site)) {
    throw new HttpError(403, `refused: a ${site} request (Sec-Fetch-Site)`);
  }
}

/**
 * The JSON body of a POST: 415 unless its Content-Type is application/json, 413 past BODY_LIMIT (said up front
 * or reached while reading: what came is dropped and nothing more is kept), 400 unless it parses.
 */
export function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type']?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    return Promise.reject(new HttpError(415, `a POST body is application/json, not ${type ?? 'untyped'}`));
  }
  const tooLarge = new HttpError(413, `a body is at most ${BODY_LIMIT} bytes`);
  if (Number(req.headers['content-length']) > BODY_LIMIT) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= BODY_LIMIT) return void chunks.push(chunk);
      chunks.length = 0;
      req.off('data', onData);
      reject(tooLarge);
    };
    req.on('data', onData);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (err) {
        reject(new HttpError(400, `the body is not JSON: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
    req.on('error', reject);
  });
}
