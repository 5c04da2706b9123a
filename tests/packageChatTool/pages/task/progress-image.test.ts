import { zhCN } from '../../../../packageChatTool/i18n/zh-CN';
import type { Canvas2D } from '../../../../packageChatTool/platform/wechat';
import { drawProgress, IMAGE_HEIGHT, IMAGE_WIDTH } from '../../../../packageChatTool/pages/task/progress-image';
import { taskPageView } from '../../../../packageChatTool/pages/task/view';
import { NOW, taskView } from '../../helpers/samples';

/** Records what was drawn; text is 20 px per character wide. */
function recordingCanvas() {
  const texts: string[] = [];
  const rects: { fill: string; x: number; y: number; w: number; h: number }[] = [];
  const context: Canvas2D = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'top',
    fillRect(x, y, w, h) {
      rects.push({ fill: this.fillStyle, x, y, w, h });
    },
    fillText(text) {
      texts.push(text);
    },
    measureText: (text) => ({ width: text.length * 20 }),
  };
  return { context, texts, rects };
}

test('draws title, kind and state, progress and details on a 5:4 image', () => {
  const { context, texts, rects } = recordingCanvas();
  drawProgress(context, taskPageView(taskView({ capacity: 5 }), zhCN, NOW));
  expect(IMAGE_WIDTH / IMAGE_HEIGHT).toBe(5 / 4);
  expect(texts).toEqual(['周六爬山', '报名 · 进行中', '1/3 人已参与', '名额 1/5 · 剩余 1 天 2 小时']);
  expect(rects[0]).toMatchObject({ x: 0, y: 0, w: IMAGE_WIDTH, h: IMAGE_HEIGHT });
  const [track, bar] = rects.slice(1);
  expect(bar.w).toBe(Math.round((track.w * 33) / 100));
});

test('a long title is shortened with an ellipsis to fit', () => {
  const { context, texts } = recordingCanvas();
  drawProgress(context, taskPageView(taskView({ title: 'a'.repeat(60) }), zhCN, NOW));
  expect(texts[0].endsWith('…')).toBe(true);
  expect(texts[0].length * 20).toBeLessThanOrEqual(IMAGE_WIDTH - 96);
});
