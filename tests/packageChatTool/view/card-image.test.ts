// The card's picture, which the pages pass to the kit's publishCard, and the images the chat tool exports.
import fs from 'node:fs';
import path from 'node:path';
import appJson from '../../../app.json';
import projectConfig from '../../../project.config.json';
import { CARD_IMAGE } from '../../../packageChatTool/core/api';

const projectRoot = path.resolve(__dirname, '../../..');

describe('the card picture', () => {
  const file = path.join(projectRoot, CARD_IMAGE);

  test('is a small 5:4 PNG inside the chat-tool subpackage, which loads nothing from outside its folder', () => {
    const [chatTool] = appJson.chatTools;
    expect(CARD_IMAGE.startsWith(`/${chatTool!.root}/`)).toBe(true);
    const png = fs.readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width * 4).toBe(height * 5);
    expect(width).toBeGreaterThanOrEqual(400);
    // The chat tool is at most 500 KB; its picture stays a few KB.
    expect(png.length).toBeLessThan(4 * 1024);
  });

  test('is uploaded: no packOptions.ignore entry leaves it out', () => {
    const relative = CARD_IMAGE.slice(1);
    for (const { type, value } of projectConfig.packOptions.ignore) {
      if (type === 'folder') expect(relative.startsWith(`${value}/`)).toBe(false);
      else if (type === 'file') expect(relative).not.toBe(value);
      else expect(value).not.toMatch(/png|assets/);
    }
  });
});

test('no code the chat tool loads (its folder, the kit client) exports an offscreen canvas, which a phone refuses ("暂不支持离屏 canvas")', () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : sources(relative);
      return /\.(ts|wxml)$/.test(entry.name) ? [relative] : [];
    });
  const files = ['packageChatTool', 'kit/client'].flatMap(sources);
  expect(files).toEqual(expect.arrayContaining(['kit/client/wechat.ts', 'packageChatTool/pages/task/index.ts']));
  const offenders = files.filter((file) =>
    /createOffscreenCanvas|canvasToTempFilePath/.test(fs.readFileSync(path.join(projectRoot, file), 'utf8')),
  );
  expect(offenders).toEqual([]);
});
