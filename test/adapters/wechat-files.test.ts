import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { platformSettings } from '../../src/adapters/registry.js';
import { createWechatAdapter, type WechatAdapter } from '../../src/adapters/wechat/bot.js';
import { wechat as wechatPlatform } from '../../src/adapters/wechat/platform.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { until } from '../fakes/wait.js';
import { quietness } from '../fakes/wechat.js';

let core: TestCore;
let wechat: WechatAdapter;
let mocker: mock.Mocker;
let user: mock.ContactMock;
let boss: mock.ContactMock;
let mary: mock.ContactMock;
let room: mock.RoomMock;
/** What the bot sent, in order. */
/** Resolves once the bot has heard every message and is done with them. */
let quiet: () => Promise<void>;
let sent: Message[] = [];

beforeAll(async () => {
  core = await testCore({ WECHAT_ROOMS: '督办工作群', DUBAN_ADMINS: 'wechat:wxid_boss' }, new Date().toISOString());
  await core.say('进展 4.3#1 12', { userName: '张三' });
  mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  // The group exists at login, when the topic in WECHAT_ROOMS is resolved to its id.
  user = mocker.createContact({ name: '督办' });
  boss = mocker.createContact({ id: 'wxid_boss', name: '领导' });
  mary = mocker.createContact({ name: '玛丽' });
  room = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, boss.id, mary.id] });
  const settings = platformSettings(wechatPlatform, {
    WECHAT_ROOMS: '督办工作群',
    WECHATY_PUPPET: 'wechaty-puppet-mock',
  });
  wechat = createWechatAdapter(
    core.port(() => {}),
    settings,
    { puppet, pacingMs: [0, 5] },
  );
  await wechat.start();
  quiet = quietness(puppet, wechat);
  mocker.login(user);
  wechat.wechaty.on('message', (m) => {
    if (m.self()) sent.push(m);
  });
});
afterAll(async () => {
  await wechat.stop();
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await quiet();
  sent = [];
});

const isFile = (m: Message) => m.type() !== wechat.wechaty.Message.Type.Text;

describe('WeChat files', () => {
  it('sends the workbook of 导出 after its text, in a private chat', async () => {
    boss.say('导出 周').to(user);
    await until(() => sent.some(isFile));
    expect(sent[0]!.text()).toMatch(/导出 duban-week-\d{4}-\d{2}-\d{2}\.xlsx/);
    const box = await sent.find(isFile)!.toFileBox();
    expect(box.name).toMatch(/^duban-week-.*\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await box.toBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['cixi-2015', '进展记录', '责任人']);
    expect(book.getWorksheet('进展记录')!.getRow(2).getCell(9).value).toBe(12);
  });

  it('sends it into a group for #导出, to the group', async () => {
    boss.say('#导出').to(room);
    await until(() => sent.some(isFile));
    const file = sent.find(isFile)!;
    expect(file.room()?.id).toBe(room.id);
    expect((await file.toFileBox()).name).toMatch(/^duban-month-\d{4}-\d{2}\.xlsx$/);
  });

  it('refuses 导出 to someone who is not an admin, sending no file', async () => {
    mary.say('#导出').to(room);
    await until(() => sent.length >= 1);
    await quiet();
    expect(sent.map((m) => m.text()).join('')).toContain('只有管理员');
    expect(sent.some(isFile)).toBe(false);
  });
});
