// The phone's local files (docs/platform.md, "Local files"): what wx APIs and built-ins export (a snapshot's PNG) is
// a temporary file under a WeChat-style path (wxfile://tmp_N.png), and what the page writes with the file system
// manager is a user file under wx.env.USER_DATA_PATH (wxfile://usr/…). Each is kept as a data URL, which <image src>
// and the sends into the chat accept.

/** wx.env.USER_DATA_PATH on a phone. */
export const USER_DATA_PATH = 'wxfile://usr';

export interface TempFiles {
  /** Stores `dataUrl` as a new temporary file and returns its path. */
  save(dataUrl: string, extension: string): string;
  /** Writes a user file at `path` (under USER_DATA_PATH), replacing what was there. */
  write(path: string, dataUrl: string): void;
  /** The data URL behind a local path; null for any other path. */
  read(path: string): string | null;
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type a file's name suggests, as a phone would guess it. */
export function mediaTypeOf(path: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return TYPES[extension] ?? 'application/octet-stream';
}

/** How many bytes a data URL holds. */
export function dataUrlBytes(dataUrl: string): number {
  const comma = dataUrl.indexOf(',');
  const body = dataUrl.slice(comma + 1);
  if (/;base64$/.test(dataUrl.slice(0, comma)))
    return Math.floor((body.length * 3) / 4) - (body.match(/=*$/)?.[0].length ?? 0);
  return new TextEncoder().encode(decodeURIComponent(body)).length;
}

export function createTempFiles(): TempFiles {
  const files = new Map<string, string>();
  let saved = 0;
  return {
    save(dataUrl, extension) {
      saved += 1;
      const path = `wxfile://tmp_${saved}.${extension}`;
      files.set(path, dataUrl);
      return path;
    },
    write(path, dataUrl) {
      files.set(path, dataUrl);
    },
    read: (path) => files.get(path) ?? null,
  };
}
