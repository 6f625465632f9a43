import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';

describe('reading commands', () => {
  it.each([
    [
      '进展 4.3 已引进领军人才及团队12个',
      { name: 'progress', lang: 'zh', ref: '4.3', text: '已引进领军人才及团队12个' },
    ],
    ['/进展 4.3#2 3', { name: 'progress', ref: '4.3#2', text: '3' }],
    ['#进展 4.3 +2', { name: 'progress', ref: '4.3', text: '+2' }],
    ['进展4.3已引进12个', { name: 'progress', ref: '4.3', text: '已引进12个' }],
    ['进展 （四）三 5', { name: 'progress', ref: '（四）三', text: '5' }],
    ['进展 人才支撑 5', { name: 'progress', ref: '人才支撑', text: '5' }],
    ['Progress 4.3#1 12', { name: 'progress', lang: 'en', ref: '4.3#1', text: '12' }],
    ['/progress 4.3', { name: 'progress', ref: '4.3', text: '' }],
    ['完成 5.2#2', { name: 'done', ref: '5.2#2' }],
    ['done 5.2#2', { name: 'done', lang: 'en', ref: '5.2#2' }],
    ['状态', { name: 'status', ref: '' }],
    ['状态 4.3', { name: 'status', ref: '4.3' }],
    ['status 4', { name: 'status', lang: 'en', ref: '4' }],
    ['status of 4.3', { name: 'status', lang: 'en', ref: '4.3' }],
    ['历史 4.3', { name: 'history', ref: '4.3' }],
    ['撤销', { name: 'undo', recordId: undefined }],
    ['undo 17', { name: 'undo', recordId: 17 }],
    ['任务 四', { name: 'tasks', ref: '四' }],
    ['帮助', { name: 'help', lang: 'zh' }],
    ['help', { name: 'help', lang: 'en' }],
    ['汇总', { name: 'digest' }],
    ['订阅', { name: 'subscribe' }],
    ['取消订阅', { name: 'unsubscribe' }],
    ['#问 人才目标', { name: 'ask', question: '人才目标' }],
  ])('%s', (text, expected) => {
    expect(parseCommand(text)).toMatchObject(expected);
  });

  it.each([
    '进展如何',
    '人才引进进展如何',
    '完成情况怎么样',
    '历史文化名城',
    'what is the target for talent teams?',
    '状态怎么样',
    'update on the talent programme?',
  ])('leaves "%s" as a question', (text) => {
    expect(parseCommand(text)).toMatchObject({ name: 'ask', question: text });
  });
});
