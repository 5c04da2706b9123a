// Page URLs as wx.navigateTo and a card's path give them, for the runtime's router and the chat host.

export interface ParsedUrl {
  route: string;
  query: Record<string, string>;
}

/** `/a/b?x=1`, `b?x=1` (relative to `from`), `../c/index` → route and decoded query. */
export function parseUrl(url: string, from: string | null): ParsedUrl {
  const [pathPart = '', search = ''] = url.split('?', 2);
  let segments: string[];
  if (pathPart.startsWith('/') || from === null) {
    segments = pathPart.replace(/^\/+/, '').split('/');
  } else {
    segments = [...from.split('/').slice(0, -1), ...pathPart.split('/')];
  }
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') out.pop();
    else out.push(s);
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const [k = '', v = ''] = pair.split('=', 2);
    query[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return { route: out.join('/'), query };
}
