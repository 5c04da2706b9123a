// Issue 12 on the task page, end to end in headless Chromium: the real pages beside the simulated chat, the real
// groupTask function on SQLite and the WeChat emulator. A member signs up with a note and edits it, the content check
// refuses one (the old note stays), others see it; the creator exports the list as a file (its bytes, as the phone
// sent them, parsed back as CSV); a "complete" task that reached everyone is celebrated with a sticker.
import { parse } from 'csv-parse/sync';
import { format } from 'chat-tool-kit';
import { NOTE_MAX } from '../../packageChatTool/core/limits';
import { wordsIn } from '../../packageChatTool/core/task-words';
import { messagesFor } from '../../packageChatTool/i18n/texts';
import { describeWithBrowser, eventually, simulatorTests, type Simulator } from './harness';

const zh = messagesFor('zh-CN');
/** What the server words for the task page, in the language the simulated phone runs in. */
const words = wordsIn('zh-CN');
const noteLabel = format(words.note, { max: NOTE_MAX });

jest.setTimeout(120_000);

/** Alice posts a task of `kind` for everyone, or for the members named. */
async function post(sim: Simulator, title: string, kind: string, chosen: string[] = []): Promise<void> {
  await sim.viewAs('Alice');
  await sim.openTool();
  await sim.tap('button', zh.createTask);
  await sim.type(zh.fields.title, title);
  await sim.phone.getByRole('radio', { name: new RegExp(`^${kind}`) }).click();
  if (chosen.length > 0) {
    await sim.phone.getByRole('radio', { name: new RegExp(`^${zh.audienceMembers}`) }).click();
    await sim.pickMembers(chosen);
  } else {
    await sim.phone.getByRole('radio', { name: new RegExp(`^${zh.audienceEveryone}`) }).click();
  }
  await sim.tap('button', zh.publish);
  await sim.card(title).waitFor();
}

/** The participants list as the page shows it: nicknames and notes. */
const participants = (sim: Simulator) => sim.phone.locator('member-list.participants').first();

describeWithBrowser('notes, export and celebration in the simulator', () => {
  const test = simulatorTests();

  test('a member signs up with a note and edits it; a refused note keeps the old one; the creator exports the list as a file', async (sim) => {
    const title = '周六烧烤';
    await post(sim, title, zh.kindParticipate);

    await sim.viewAs('Bob');
    await sim.openCard(title);
    await sim.type(noteLabel, '+2，素食');
    await sim.tap('button', words.join);
    await sim.byRole('button', words.setNote).waitFor();
    await eventually(async () => (await participants(sim).innerText()).includes('+2，素食'), true);

    await sim.type(noteLabel, '+3，素食');
    await sim.tap('button', words.setNote);
    await eventually(async () => (await participants(sim).innerText()).includes('+3，素食'), true);

    // WeChat's content check refuses the next one: the server's words, and the note stays as it was.
    await sim.page.selectOption('select[data-content-check]', 'risky');
    await eventually(async () => (await sim.chatState()).contentCheck, 'risky');
    await sim.type(noteLabel, '不合适的话');
    await sim.tap('button', words.setNote);
    await sim.phone.getByText(words.refusals.CONTENT_RISKY).waitFor();
    expect(await participants(sim).innerText()).toContain('+3，素食');
    expect(await participants(sim).innerText()).not.toContain('不合适的话');
    await sim.page.selectOption('select[data-content-check]', 'pass');

    await sim.viewAs('Carol');
    await sim.openCard(title);
    await eventually(async () => (await participants(sim).innerText()).includes('+3，素食'), true);
    await sim.type(noteLabel, '带炭');
    await sim.tap('button', words.join);
    await eventually(async () => (await participants(sim).innerText()).includes('带炭'), true);

    // The creator: every note, and the list as a file. The export tap writes it; the send tap shares it.
    await sim.viewAs('Alice');
    await sim.openCard(title);
    await eventually(async () => (await participants(sim).innerText()).includes('+3，素食'), true);
    await sim.tap('button', words.exportTask);
    const sent = sim.page.waitForRequest(
      (request) => request.url().endsWith('/api/call') && (request.postData() ?? '').includes('"shareFileToGroup"'),
    );
    await sim.tap('button', zh.send);
    const file = sim.page.locator('.messages .file-message').last();
    await file.waitFor();
    expect(await file.locator('.file-name').innerText()).toBe(`${title}.csv`);

    // The bytes the phone sent: UTF-8 with a BOM, a notice line, the columns, a row per member with state and note.
    const call = (await sent).postDataJSON() as { files: { filePath: { url: string } } };
    const url = call.files.filePath.url;
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await file.locator('.file-size').innerText()).toBe(`${bytes.length} B`);
    const rows = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
    expect(rows[0]![0]).toMatch(/member id/);
    expect(rows).toHaveLength(4);
    // A note starting with "+" is kept from being read as a formula.
    expect(rows.slice(2).map(([n, state, , time, note]) => [n, state, Number.isNaN(Date.parse(time!)), note])).toEqual([
      ['1', '已报名 joined', false, "'+3，素食"],
      ['2', '已报名 joined', false, '带炭'],
    ]);
    expect(sim.errors).toEqual([]);
  });

  test('a "complete" task that reached everyone: its creator sends a celebration sticker to the chat', async (sim) => {
    const title = '交作业';
    await post(sim, title, zh.kindComplete, ['Bob']);
    await sim.viewAs('Bob');
    await sim.openCard(title);
    await sim.tap('button', words.markDone);
    await eventually(() => sim.cardStatus(title), '已完成');

    await sim.viewAs('Alice');
    await sim.openCard(title);
    await sim.tap('button', words.celebrate);
    await sim.tap('button', zh.send);
    const sticker = sim.page.locator('.messages .emoji-message').last();
    await sticker.waitFor();
    expect(await sticker.locator('img.sent-emoji').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(sim.errors).toEqual([]);
  });
});
