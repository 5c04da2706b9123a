// The phone's temporary files: what wx APIs and built-ins export (a snapshot's PNG) is kept as a data URL under a
// WeChat-style path (wxfile://tmp_N.png) that <image src>, shareImageToGroup and shareAppMessageToGroup accept.

export interface TempFiles {
  /** Stores `dataUrl` and returns its new path. */
  save(dataUrl: string, extension: 'png' | 'jpg'): string;
  /** The data URL behind a temporary path; null for any other path. */
  read(path: string): string | null;
}

export function createTempFiles(): TempFiles {
  const files = new Map<string, string>();
  return {
    save(dataUrl, extension) {
      const path = `wxfile://tmp_${files.size + 1}.${extension}`;
      files.set(path, dataUrl);
      return path;
    },
    read: (path) => files.get(path) ?? null,
  };
}
