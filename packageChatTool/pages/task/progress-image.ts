// The progress image the creator shares to the chat (wx.shareImageToGroup): title, state, progress
// bar and counts, drawn on a 2d canvas. Pure drawing over the Canvas2D port, so it is tested directly.
import type { Canvas2D } from '../../platform/wechat';
import type { TaskPageView } from './view';

export const IMAGE_WIDTH = 600;
/** 5:4, the ratio WeChat shows chat images and cards at. */
export const IMAGE_HEIGHT = 480;

const COLORS = {
  background: '#ffffff',
  text: '#1a1a1a',
  secondary: '#808080',
  track: '#ededed',
  brand: '#07c160',
};

/** Shortens text with an ellipsis until it fits `width`. */
function fit(context: Canvas2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  let shown = text;
  while (shown.length > 1 && context.measureText(`${shown}…`).width > width) shown = shown.slice(0, -1);
  return `${shown}…`;
}

export function drawProgress(context: Canvas2D, view: TaskPageView): void {
  const pad = 48;
  const inner = IMAGE_WIDTH - pad * 2;
  context.fillStyle = COLORS.background;
  context.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
  context.textAlign = 'left';
  context.textBaseline = 'top';

  context.fillStyle = COLORS.text;
  context.font = 'bold 40px sans-serif';
  context.fillText(fit(context, view.title, inner), pad, pad);

  context.fillStyle = COLORS.secondary;
  context.font = '26px sans-serif';
  context.fillText(`${view.kindTag} · ${view.stateLabel}`, pad, pad + 64);

  const barY = 220;
  context.fillStyle = COLORS.track;
  context.fillRect(pad, barY, inner, 24);
  context.fillStyle = COLORS.brand;
  context.fillRect(pad, barY, Math.round((inner * (view.percent ?? 100)) / 100), 24);

  context.fillStyle = COLORS.text;
  context.font = 'bold 34px sans-serif';
  context.fillText(view.progress, pad, barY + 56);

  context.fillStyle = COLORS.secondary;
  context.font = '26px sans-serif';
  const details = [view.capacity, view.waitlist, view.countdown || view.deadline].filter(Boolean).join(' · ');
  context.fillText(fit(context, details, inner), pad, barY + 112);
}
