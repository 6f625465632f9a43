/** What the bot says, in Chinese and English. One place, so the two stay in step. */

export const TEXT = {
  sources: {
    zh: (list: string[]) => `出处：${list.join('；')}`,
    en: (list: string[]) => `Sources: ${list.join('; ')}`,
  },
  continued: {
    zh: (n: number) => `（续 ${n}）`,
    en: (n: number) => ` (part ${n})`,
  },
  refused: {
    zh: '抱歉，您还没有登记进展的权限，这条没有记录。如需登记，请联系管理员把您加入名单。提问不受限制。',
    en: 'Sorry, you are not on the list of people who record progress, so nothing was recorded. Ask an admin to add you; anyone may ask questions.',
  },
  adminOnly: {
    zh: '抱歉，只有管理员可以这样做。',
    en: 'Sorry, only an admin can do that.',
  },
  tooLong: {
    zh: (n: number, max: number) => `消息太长（${n}字，上限${max}字），没有处理。请分成几条发送；原文已保存在日志里。`,
    en: (n: number, max: number) =>
      `That message is too long (${n} characters; the limit is ${max}) and was not processed. Please split it; the text is kept in the log.`,
  },
  empty: {
    zh: '请输入问题或命令，发送“帮助”查看用法。',
    en: 'Type a question or a command; send "help" to see how.',
  },
  failed: {
    zh: '抱歉，处理这条消息时出错了，没有记录任何内容。请稍后再试。',
    en: 'Sorry, something went wrong while handling that message; nothing was recorded. Please try again later.',
  },
  undoUsage: {
    zh: '撤销自己最近一条，发送“撤销”；撤销某一条，写记录编号，例如：撤销 17（编号见“历史 4.3”）。',
    en: 'To undo your last update send "undo"; to undo one record give its number, for example: undo 17 (numbers are in "history 4.3").',
  },
  nothingToUndo: {
    zh: '您没有可以撤销的进展记录。',
    en: 'You have no progress update to undo.',
  },
  noRecord: {
    zh: (id: number) => `没有编号为 #${id} 的进展记录。发送“历史 4.3”可以查看记录编号。`,
    en: (id: number) => `There is no progress record #${id}. Send "history 4.3" to see record numbers.`,
  },
  alreadyUndone: {
    zh: (id: number) => `记录 #${id} 已经撤销过了。`,
    en: (id: number) => `Record #${id} was already undone.`,
  },
  notYours: {
    zh: (id: number) => `记录 #${id} 不是您登记的；只有管理员可以撤销别人的记录。`,
    en: (id: number) => `Record #${id} is not yours; only an admin can undo someone else's record.`,
  },
  help: {
    zh: [
      '**督办 · 用法**',
      '• 直接提问：人才团队的引进目标是多少？',
      '• 登记进展：进展 4.3 已引进领军人才及团队12个',
      '  在原有基础上增加：进展 4.3#1 +2',
      '• 里程碑完成：完成 5.2#2',
      '• 查看：状态 4.3 ｜ 状态 4 ｜ 状态',
      '• 历史 4.3 ｜ 撤销 ｜ 任务 4 ｜ 汇总',
      '命令前可加 / 或 #；也可以用英文（help）。',
    ],
    en: [
      '**duban · how to use**',
      '• Ask: what is the target for talent teams?',
      '• Record progress: progress 4.3 12',
      '  Add to the last value: progress 4.3#1 +2',
      '• Mark a milestone done: done 5.2#2',
      '• Look: status 4.3 | status 4 | status',
      '• history 4.3 | undo | tasks 4 | digest',
      'Commands may start with / or #; Chinese works too (帮助).',
    ],
  },
};
