// Skyline's <snapshot> and its Snapshot instance (docs/platform.md, "snapshot"): the page gets it with
// `createSelectorQuery().select('#id').node()` and exports the subtree with `takeSnapshot({ type, format })`, which
// has no Promise style. The browser renders the element's real DOM, every computed style inlined, through an SVG
// foreignObject drawn on a canvas. As on a phone it works only on Skyline pages and not under display: none or
// visibility: hidden (an offscreen export moves the element off screen or scales it to 0 instead).

import { component } from 'glass-easel-miniprogram-adapter';
import type { BuiltinServices } from './services';

type Callback = (result: Record<string, unknown>) => void;
interface TakeSnapshotOptions {
  type?: string;
  format?: string;
  success?: Callback;
  fail?: Callback;
  complete?: Callback;
}

export interface Snapshot {
  /** The exported image's size in pixels (the element's layout size times the phone's pixel ratio). */
  readonly width: number;
  readonly height: number;
  takeSnapshot(options: TakeSnapshotOptions): void;
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the image'));
    reader.readAsDataURL(blob);
  });
}

/** A copy of `source` whose every element carries its computed style inline and whose images are data URLs. */
async function styledCopy(source: HTMLElement): Promise<HTMLElement> {
  const copy = source.cloneNode(true) as HTMLElement;
  const originals = [source, ...Array.from(source.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  const images: Promise<void>[] = [];
  originals.forEach((original, i) => {
    const target = copies[i] as HTMLElement | SVGElement;
    const computed = getComputedStyle(original);
    let css = '';
    for (let p = 0; p < computed.length; p += 1) {
      const name = computed[p]!;
      css += `${name}:${computed.getPropertyValue(name)};`;
    }
    target.setAttribute('style', css);
    if (original instanceof HTMLImageElement && original.currentSrc && !original.currentSrc.startsWith('data:')) {
      images.push(
        fetch(original.currentSrc)
          .then((response) => response.blob())
          .then(dataUrlOf)
          .then(
            (url) => target.setAttribute('src', url),
            // An image the page cannot fetch is left out, as the browser would not draw it either.
            () => target.removeAttribute('src'),
          ),
      );
    }
  });
  // The copy is drawn at the origin of its own image, whatever moved the element off screen.
  copy.style.position = 'static';
  copy.style.margin = '0';
  copy.style.transform = 'none';
  await Promise.all(images);
  return copy;
}

/** Draws `element` on a canvas of its layout size times `scale`. */
export async function renderElement(element: HTMLElement, scale: number): Promise<HTMLCanvasElement> {
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  if (width === 0 || height === 0) throw new Error('the snapshot element has no size');
  const markup = new XMLSerializer().serializeToString(await styledCopy(element));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * scale}" height="${height * scale}" ` +
    `viewBox="0 0 ${width} ${height}"><foreignObject x="0" y="0" width="${width}" height="${height}">` +
    `${markup}</foreignObject></svg>`;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  canvas.getContext('2d')!.drawImage(image, 0, 0);
  return canvas;
}

function refusal(element: HTMLElement): string | null {
  if (element.closest('wx-page')?.getAttribute('data-renderer') !== 'skyline') {
    return 'snapshot works only on Skyline pages';
  }
  if (element.getClientRects().length === 0) return 'the snapshot is not rendered (display: none)';
  if (getComputedStyle(element).visibility !== 'visible') return 'the snapshot is not rendered (visibility: hidden)';
  return null;
}

async function exportImage(element: HTMLElement, options: TakeSnapshotOptions, services: BuiltinServices) {
  const type = options.type ?? 'file';
  const format = options.format ?? 'png';
  const problem =
    refusal(element) ??
    (type !== 'file' && type !== 'arraybuffer' ? `type must be 'file' or 'arraybuffer'` : null) ??
    (format !== 'png' && format !== 'rgba' ? `format must be 'png' or 'rgba'` : null) ??
    (type === 'file' && format === 'rgba' ? `format 'rgba' is exported as an arraybuffer, not a file` : null);
  if (problem) throw new Error(problem);
  const canvas = await renderElement(element, services.pixelRatio);
  if (format === 'rgba') {
    return { data: canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.buffer };
  }
  const png = canvas.toDataURL('image/png');
  if (type === 'file') return { tempFilePath: services.saveTempFile(png, 'png') };
  return { data: await (await fetch(png)).arrayBuffer() };
}

/** Each <snapshot> element's Snapshot, for `.node()`. */
const snapshots = new WeakMap<object, Snapshot>();

/** Creates the Snapshot of a <snapshot> element; `.node()` on the element returns it. */
export function attachSnapshot(element: HTMLElement, services: BuiltinServices): void {
  snapshots.set(element, createSnapshot(element, services));
}

export function createSnapshot(element: HTMLElement, services: BuiltinServices): Snapshot {
  return {
    get width() {
      return element.offsetWidth * services.pixelRatio;
    },
    get height() {
      return element.offsetHeight * services.pixelRatio;
    },
    takeSnapshot(options) {
      const args = { type: options.type, format: options.format };
      if (!options.success && !options.fail && !options.complete) {
        services.note('Snapshot.takeSnapshot', args, false, 'no Promise style in WeChat: pass success/fail/complete');
      }
      exportImage(element, options, services).then(
        (value) => {
          const result = { ...value, errMsg: 'takeSnapshot:ok' };
          services.note(
            'Snapshot.takeSnapshot',
            args,
            true,
            'tempFilePath' in value ? result : { errMsg: result.errMsg },
          );
          options.success?.(result);
          options.complete?.(result);
        },
        (err: unknown) => {
          const result = { errMsg: `takeSnapshot:fail ${err instanceof Error ? err.message : String(err)}` };
          services.note('Snapshot.takeSnapshot', args, false, result);
          options.fail?.(result);
          options.complete?.(result);
        },
      );
    },
  };
}

type Result = Record<string, unknown> | null;
interface FieldsQuery {
  fields(fields: { context: true }, callback: (result: Result | Result[]) => void): unknown;
}

/**
 * `NodesRef.node()`, which the adapter's SelectorQuery lacks: the element's node instance (a <snapshot>'s Snapshot,
 * else null). It reads the element as `.context()` does (glass-easel's DOM backend answers with the element itself).
 */
export function installNodeQuery(): void {
  const probe = component.ComponentCaller.prototype.createSelectorQuery.call(null as never).select('#probe');
  const nodesRef = Object.getPrototypeOf(probe) as Record<string, unknown>;
  nodesRef.node = function (this: FieldsQuery, callback?: (result: Result | Result[]) => void) {
    const rename = (result: Result): Result => {
      if (result) {
        result.node = (typeof result.context === 'object' && result.context && snapshots.get(result.context)) || null;
        delete result.context;
      }
      return result;
    };
    return this.fields({ context: true }, (result) => {
      if (Array.isArray(result)) result.forEach(rename);
      else rename(result);
      callback?.(result);
    });
  };
}
