// What built-in components need from the runtime around them.

import type { DirectoryEntry } from '../shared/host-api';

export type PickerMode = 'selector' | 'date' | 'time';

export interface PickerRequest {
  mode: PickerMode;
  value: string;
  options: string[];
  start?: string;
  end?: string;
}

export interface BuiltinServices {
  chatToolMode(): boolean;
  directory(): DirectoryEntry[];
  /** Records a platform behaviour in the call panel (e.g. a refused open-type=share). */
  note(api: string, args: unknown, ok: boolean, result: unknown): void;
  /** Shows the picker sheet; resolves the chosen value (index for selector) or null when cancelled. */
  pick(request: PickerRequest): Promise<string | null>;
  navigate(openType: string, url: string, delta: number): void;
  /** open-type=share outside chat-tool mode: what the page's onShareAppMessage returns. */
  shareFromPage(): unknown;
  /** The phone's pixel ratio (wx.getWindowInfo), the scale of a snapshot's image. */
  pixelRatio: number;
  /** Keeps an exported image as a temporary file (wxfile://…) and returns its path. */
  saveTempFile(dataUrl: string, extension: 'png' | 'jpg'): string;
  /** The data behind a temporary file path, null for any other path. */
  readTempFile(path: string): string | null;
}
