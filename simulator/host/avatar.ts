// Generated avatars: an initial on a colour derived from the nickname (no network, no assets).

const COLORS = ['#07c160', '#10aeff', '#fa9d3b', '#fa5151', '#6467f0', '#d6457b', '#1485ee', '#91d300'];

export function avatarUrl(nickname: string): string {
  let hash = 0;
  for (const char of nickname) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  const color = COLORS[hash % COLORS.length]!;
  const initial = [...nickname][0]?.toUpperCase() ?? '?';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" rx="8" fill="${color}"/><text x="40" y="54" font-size="40" font-family="sans-serif" fill="#fff" text-anchor="middle">${initial}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
