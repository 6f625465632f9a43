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
    en:
      'Sorry, you are not on the list of people who record progress, so nothing was recorded. ' +
      'Ask an admin to add you; anyone may ask questions.',
  },
  adminOnly: {
    zh: '抱歉，只有管理员可以这样做。',
    en: 'Sorry, only an admin can do that.',
  },
  tooLong: {
    zh: (n: number, max: number) => `消息太长（${n}字，上限${max}字），没有处理。请分成几条发送；原文已保存在日志里。`,
    en: (n: number, max: number) =>
      `That message is too long (${n} characters; the limit is ${max}) and was not processed. ` +
      'Please split it; the text is kept in the log.',
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
    en:
      'To undo your last update send "undo"; to undo one record give its number, ' +
      'for example: undo 17 (numbers are in "history 4.3").',
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
      '• 督办：我的 ｜ 谁负责 4.3 ｜ 稍后提醒 4.3 3天',
      '  管理员：负责 4.3 @某人 ｜ 牵头单位 4.3 市人才办 ｜ 提醒 4.3',
      '• 报告：周报 ｜ 月报 ｜ 周报 上周 ｜ 导出（管理员，发表格）',
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
      '• Follow-up: mine | who owns 4.3 | snooze 4.3 3d',
      '  Admins: owner 4.3 @someone | lead unit 4.3 City Talent Office | remind 4.3',
      '• Reports: weekly | monthly | weekly last | export (admins: a workbook)',
      'Commands may start with / or #; Chinese works too (帮助).',
    ],
  },

  // Status, history and tasks.
  undid: { zh: (id: number | null) => `撤销了 #${id}`, en: (id: number | null) => `undid #${id}` },
  struck: { zh: '（已撤销）', en: ' (undone)' },
  listSep: { zh: '；', en: '; ' },
  notFoundRef: {
    zh: (ref: string, near: string, cmd: string) =>
      `没有找到“${ref}”。${near ? `您是不是要找：${near}？` : ''}请这样写：${cmd} 4.3`,
    en: (ref: string, near: string, cmd: string) =>
      `I could not find "${ref}".${near ? ` Did you mean: ${near}?` : ''} Write it like: ${cmd} 4.3`,
  },
  commandWord: {
    zh: (cmd: 'status' | 'history' | 'tasks') => ({ status: '状态', history: '历史', tasks: '任务' })[cmd],
    en: (cmd: 'status' | 'history' | 'tasks') => cmd,
  },
  sectionCounts: {
    zh: (targets: number, withProgress: number) => `${targets}个目标，${withProgress}个有进展`,
    en: (targets: number, withProgress: number) => `${targets} targets, ${withProgress} with progress`,
  },
  noMeasurable: { zh: '无量化目标', en: 'no measurable target' },
  allReports: { zh: '全部报告', en: 'All reports' },
  standingTitle: { zh: (title: string) => `${title} · 完成情况`, en: (title: string) => `${title} · standing` },
  statusHint: { zh: '查看一部分：状态 4；查看一项：状态 4.3', en: 'One section: status 4; one item: status 4.3' },
  noUpdate: { zh: '暂无进展', en: 'no update yet' },
  latestRecords: { zh: '最近记录：', en: 'Latest records:' },
  noRecords: { zh: '还没有进展记录。', en: 'No progress recorded yet.' },
  itemHint: {
    zh: (id: string) => `登记进展：进展 ${id} …；全部记录：历史 ${id}`,
    en: (id: string) => `Record: progress ${id} …; all records: history ${id}`,
  },
  historyUsage: { zh: '请写明条目，例如：历史 4.3', en: 'Name the item, for example: history 4.3' },
  historyTitle: { zh: (item: string) => `${item} · 进展记录`, en: (item: string) => `${item} · records` },
  historyHint: {
    zh: '撤销自己最近一条：撤销；管理员撤销任一条：撤销 编号',
    en: 'Undo your last: undo; admins undo any: undo NUMBER',
  },
  tasksTitle: { zh: '工作任务', en: 'Tasks' },
  tasksHint: { zh: '查看完成情况：状态 4.3', en: 'See the standing: status 4.3' },
  // The dashboard link (看板).
  dashboardLink: {
    zh: (url: string, expires: boolean) => `看板（只读）：${url}${expires ? '\n链接1小时内有效，请勿转发。' : ''}`,
    en: (url: string, expires: boolean) =>
      `Dashboard (read only): ${url}${expires ? '\nThe link works for an hour; please do not forward it.' : ''}`,
  },
  // Recording progress.
  undoHint: {
    zh: (id: number) => `发错了？发送“撤销”即可撤回（记录 #${id}）`,
    en: (id: number) => `Wrong? Send "undo" to take it back (record #${id})`,
  },
  recordedNote: { zh: (item: string) => `已记录 ${item}`, en: (item: string) => `Recorded for ${item}` },
  recorded: { zh: (id: string) => `已记录 ${id}`, en: (id: string) => `Recorded ${id}` },
  addedTo: {
    zh: (before: string, delta: string) => `（在 ${before} 的基础上 +${delta}）`,
    en: (before: string, delta: string) => ` (${before} + ${delta})`,
  },
  was: { zh: (before: string) => `（上次 ${before}）`, en: (before: string) => ` (was ${before})` },
  alreadyDone: {
    zh: (id: string, who: string, when: string) => `${id} 已经标记完成了（${who}，${when}），这次没有重复记录。`,
    en: (id: string, who: string, when: string) =>
      `${id} was already marked done (${who}, ${when}); nothing was recorded again.`,
  },
  undidTitle: { zh: (id: number) => `已撤销记录 #${id}`, en: (id: number) => `Undid record #${id}` },
  nowValue: {
    zh: (value: string | undefined) => (value === undefined ? '，现在没有进展记录' : `，现在是 ${value}`),
    en: (value: string | undefined) => (value === undefined ? '; no value now' : `; now ${value}`),
  },
  // The digest.
  milestoneDone: { zh: '已完成', en: 'done' },
  more: { zh: (n: number) => `…另有${n}项`, en: (n: number) => `…and ${n} more` },
  digestTitle: { zh: (date: string) => `督办日报 · ${date}`, en: (date: string) => `duban daily digest · ${date}` },
  digestEmpty: {
    zh: (title: string, since: string) => `${title}：自 ${since} 以来没有新的进展。`,
    en: (title: string, since: string) => `${title}: no new progress since ${since}.`,
  },
  newProgress: {
    zh: (since: string, n: number) => `**新进展**（${since} 以来，${n}条）`,
    en: (since: string, n: number) => `**New progress** (since ${since}, ${n})`,
  },
  behindHead: {
    zh: (expected: number) => `进度落后（按计划应完成约${expected}%）：`,
    en: (expected: number) => `Behind the pace of the plan (about ${expected}% expected by now):`,
  },
  staleHead: {
    zh: (days: number) => `超过${days}天未更新：`,
    en: (days: number) => `No update for ${days} days or more:`,
  },
  lastUpdate: {
    zh: (date: string | undefined) => (date ? `上次更新 ${date}` : '从未更新'),
    en: (date: string | undefined) => (date ? `last update ${date}` : 'never updated'),
  },
  days: { zh: (n: number) => `${n}天`, en: (n: number) => `${n} days` },
  needsAttention: { zh: '**需要关注**', en: '**Needs attention**' },
  targetsMet: {
    zh: (met: number, all: number) => `目标达成 ${met}/${all}`,
    en: (met: number, all: number) => `targets met ${met}/${all}`,
  },
  digestHint: {
    zh: '登记进展：进展 4.3 已引进领军人才及团队12个 ｜ 查看：状态 4.3',
    en: 'Record progress: progress 4.3 12 | look: status 4.3',
  },
  // Questions about the progress itself.
  behindList: {
    zh: (n: number) => [`落后于计划进度的目标（${n}个）：`, '没有落后于计划进度的目标。'],
    en: (n: number) => [`Targets behind the pace of the plan (${n}):`, 'No target is behind the pace of the plan.'],
  },
  metList: {
    zh: (n: number) => [`已完成的目标（${n}个）：`, '还没有目标报告完成。'],
    en: (n: number) => [`Targets met (${n}):`, 'No target has been reported met yet.'],
  },
  noUpdateList: {
    zh: (n: number) => [`还没有人报过进展的工作（${n}项）：`, '每项工作都有人报过进展。'],
    en: (n: number) => [`Items with no update yet (${n}):`, 'Every item has had an update.'],
  },
  moreListed: {
    zh: (n: number, command: string) => `…另有${n}条，发“${command}”看全部`,
    en: (n: number, command: string) => `…and ${n} more: send “${command}” for the whole list`,
  },
  /** What to type for a whole progress list; the progress questions read these as asking for all. */
  listAll: {
    zh: (list: 'behind' | 'met' | 'no-update') =>
      ({ behind: '落后 全部', met: '已完成 全部', 'no-update': '未更新 全部' })[list],
    en: (list: 'behind' | 'met' | 'no-update') =>
      ({ behind: 'behind all', met: 'met all', 'no-update': 'stale all' })[list],
  },
  // 督办: owners, lead units, reminders, snoozes.
  progressCommand: { zh: (id: string) => `进展 ${id} 数值`, en: (id: string) => `progress ${id} VALUE` },
  doneCommand: { zh: (id: string) => `完成 ${id}`, en: (id: string) => `done ${id}` },
  noteCommand: { zh: (id: string) => `进展 ${id} 做了什么`, en: (id: string) => `progress ${id} what was done` },
  noOwner: { zh: '未指定负责人', en: 'no owner yet' },
  ownerUsage: {
    zh: '指定负责人（管理员）：负责 4.3 @某人（可 @ 多人；也可写 wechat:wxid_abc 这样的id）；取消：负责 4.3 取消 @某人',
    en: 'Assign owners (admins): owner 4.3 @someone (several may be mentioned, or ids such as slack:U0123); remove: owner 4.3 remove @someone',
  },
  ownerUnknown: {
    zh: (names: string[]) =>
      `找不到 ${names.map((n) => `@${n}`).join('、')}：请在群里直接 @ 这个人（从成员列表选），或写平台id，例如 wechat:wxid_abc。没有记录。`,
    en: (names: string[]) =>
      `Cannot tell who ${names.map((n) => `@${n}`).join(', ')} is: mention them from the member list, or give an id such as slack:U0123. Nothing was recorded.`,
  },
  ownerAssigned: {
    zh: (id: string, title: string, names: string) => `已指定 ${id} ${title} 的负责人：${names}`,
    en: (id: string, title: string, names: string) =>
      `${names} now own${names.includes(',') ? '' : 's'} ${id} ${title}.`,
  },
  ownerRemoved: {
    zh: (id: string, title: string, names: string) => `已取消 ${names} 对 ${id} ${title} 的负责。`,
    en: (id: string, title: string, names: string) => `${names} no longer own ${id} ${title}.`,
  },
  ownersNow: { zh: (names: string) => `现在的负责人：${names}`, en: (names: string) => `Owners now: ${names}` },
  unitUsage: {
    zh: '设置牵头单位（管理员）：牵头单位 4.3 市人才办；清除：牵头单位 4.3 清除',
    en: 'Set the lead unit (admins): lead 4.3 City Talent Office; clear it: lead 4.3 clear',
  },
  unitSet: {
    zh: (id: string, title: string, unit: string) => `${id} ${title} 的牵头单位：${unit}`,
    en: (id: string, title: string, unit: string) => `Lead unit of ${id} ${title}: ${unit}`,
  },
  unitCleared: {
    zh: (id: string) => `已清除 ${id} 的牵头单位。`,
    en: (id: string) => `Cleared the lead unit of ${id}.`,
  },
  whoOwnsUsage: { zh: '查负责人：谁负责 4.3', en: 'Ask who owns an item: who owns 4.3' },
  ownersOf: {
    zh: (id: string, title: string, names: string) => `${id} ${title} 的负责人：${names}`,
    en: (id: string, title: string, names: string) => `Owners of ${id} ${title}: ${names}`,
  },
  leadUnit: { zh: (unit: string) => `牵头单位：${unit}`, en: (unit: string) => `Lead unit: ${unit}` },
  ownerHint: {
    zh: (id: string) => `管理员可以指定：负责 ${id} @某人`,
    en: (id: string) => `An admin can assign one: owner ${id} @someone`,
  },
  mineNone: {
    zh: '您还没有负责的工作。管理员可以用“负责 4.3 @您”指定。',
    en: 'You own no items yet. An admin can assign you with "owner 4.3 @you".',
  },
  mineHead: { zh: (n: number) => `**您负责的工作**（${n}项）`, en: (n: number) => `**Items you own** (${n})` },
  replyWith: { zh: (cmd: string) => `回复：${cmd}`, en: (cmd: string) => `Reply: ${cmd}` },
  idleFor: { zh: (n: number) => `${n}天未更新`, en: (n: number) => `no update for ${n} days` },
  behindPace: { zh: (id: string) => `${id} 落后于计划进度`, en: (id: string) => `${id} behind the plan's pace` },
  upToDate: { zh: '进展正常', en: 'on track' },
  reminderTitle: { zh: (date: string) => `督办提醒 · ${date}`, en: (date: string) => `duban reminder · ${date}` },
  reminderIntro: {
    zh: (n: number) => `您负责的${n}项工作需要报进展（直接在这里回复即可）：`,
    en: (n: number) =>
      `${n} item${n === 1 ? '' : 's'} you own need${n === 1 ? 's' : ''} a progress update (reply right here):`,
  },
  snoozeHint: {
    zh: (id: string) => `暂缓提醒：稍后提醒 ${id} 3天 ｜ 查看：我的`,
    en: (id: string) => `Snooze: snooze ${id} 3d | see all: mine`,
  },
  remindUsage: { zh: '提醒负责人（管理员）：提醒 4.3', en: 'Remind the owners (admins): remind 4.3' },
  remindNoOwner: {
    zh: (id: string) => `${id} 还没有负责人，没有发送提醒。先指定：负责 ${id} @某人`,
    en: (id: string) => `${id} has no owner, so no reminder was sent. Assign one first: owner ${id} @someone`,
  },
  remindOutcome: {
    zh: (r: string) => ({ sent: '（已发送）', already: '（今天已提醒过）', failed: '（发送失败）' })[r] ?? '',
    en: (r: string) =>
      ({ sent: ' (sent)', already: ' (already reminded today)', failed: ' (could not be sent)' })[r] ?? '',
  },
  reminded: {
    zh: (id: string, who: string) => `已提醒 ${id} 的负责人：${who}`,
    en: (id: string, who: string) => `Reminded the owners of ${id}: ${who}`,
  },
  snoozeUsage: {
    zh: '暂缓提醒：稍后提醒 4.3 3天（1–60天）',
    en: 'Snooze reminders: snooze 4.3 3d (1–60 days)',
  },
  snoozeNotOwner: {
    zh: '只有这项工作的负责人或管理员可以暂缓提醒。',
    en: 'Only the owners of that item or an admin can snooze its reminders.',
  },
  snoozed: {
    zh: (id: string, until: string) => `${id} 的提醒暂缓到 ${until}。`,
    en: (id: string, until: string) => `Reminders for ${id} are snoozed until ${until}.`,
  },
  // The daily digest, read on a phone.
  colon: { zh: '：', en: ': ' },
  paren: { zh: (s: string) => `（${s}）`, en: (s: string) => ` (${s})` },
  ownedBy: { zh: (names: string) => `负责：${names}`, en: (names: string) => `owner: ${names}` },
  overall: {
    zh: (met: number, all: number, behind: number, stale: number, days: number) =>
      `**总体**：目标达成 ${met}/${all} ｜ 落后于计划 ${behind} ｜ 超过${days}天未更新 ${stale}项`,
    en: (met: number, all: number, behind: number, stale: number, days: number) =>
      `**Overall**: targets met ${met}/${all} | behind the plan ${behind} | no update for ${days}+ days ${stale}`,
  },
  planEnded: {
    zh: (end: string, met: number, all: number) =>
      `**计划期已于 ${end} 结束**：目标达成 ${met}/${all}，期末未完成 ${all - met}个`,
    en: (end: string, met: number, all: number) =>
      `**The plan period ended on ${end}**: targets met ${met}/${all}, not met at its end ${all - met}`,
  },
  mostAttention: { zh: '**最需关注**', en: '**Needs attention most**' },
  notMetAtEnd: { zh: '**期末未完成（差距最大）**', en: '**Not met at the end (furthest off)**' },
  escalatedHead: {
    zh: (n: number) => `**提醒后仍未更新**（${n}项，请督办跟进）`,
    en: (n: number) => `**Still no update after a reminder** (${n}, for follow-up)`,
  },
  movedMore: {
    zh: (n: number) => `…另有${n}项更新，发“状态”查看全部`,
    en: (n: number) => `…and ${n} more updates; send "status" to see all`,
  },
  digestHintShort: {
    zh: '查看全部：落后 ｜ 状态 ｜ 我的 ｜ 登记：进展 4.3#1 12',
    en: 'See all: what is behind | status | mine | record: progress 4.3#1 12',
  },
  pace: {
    zh: (percent: number, expected: number) => `${percent}%，按计划应达 ${expected}%`,
    en: (percent: number, expected: number) => `${percent}%, ${expected}% expected by now`,
  },
  // Subscriptions.
  subscribeWhere: {
    zh: '请在要接收日报的群或频道里发送“订阅”。',
    en: 'Send "subscribe" in the group or channel that should get the digest.',
  },
  subscribed: {
    zh: '已订阅：本群每天会收到督办日报。发送“取消订阅”可以停止。',
    en: 'Subscribed: this channel will get the daily digest. Send "unsubscribe" to stop.',
  },
  alreadySubscribed: { zh: '本群已经订阅了督办日报。', en: 'This channel is already subscribed.' },
  unsubscribed: {
    zh: '已取消订阅：本群不再收到督办日报。',
    en: 'Unsubscribed: this channel will no longer get the digest.',
  },
  notSubscribed: { zh: '本群没有订阅督办日报。', en: 'This channel was not subscribed.' },
  // Answers.
  matchingRecord: {
    zh: (note: string, who: string, when: string) => `相关进展记录：${note}（${who}，${when}）`,
    en: (note: string, who: string, when: string) => `Matching progress record: ${note} (${who}, ${when})`,
  },
  noFigure: {
    zh: '报告中没有给出这个数字，我不能给出报告以外的数字。',
    en: 'The report gives no such figure, and I will not guess one.',
  },
  notInReport: { zh: '报告中没有这方面的内容。', en: 'The report does not cover this.' },
  closestItems: { zh: (list: string) => `最接近的条目：${list}`, en: (list: string) => `Closest items: ${list}` },
  tryOther: {
    zh: '可以换个说法再问，或发送“任务”查看全部工作。',
    en: 'Try other words, or send "tasks" to see every item.',
  },
  closestLead: {
    zh: '报告中没有直接回答这个问题；最接近的内容是：',
    en: 'The report does not answer this exactly; the closest it says is:',
  },
  choiceOutOfRange: {
    zh: (k: number) => `只有${k}个选项，请回复 1–${k} 中的编号。`,
    en: (k: number) => `There are only ${k} choices: reply with a number from 1 to ${k}.`,
  },
  clarifyLead: {
    zh: '不太确定您问的是哪一项，请回复编号（10分钟内有效）：',
    en: 'I am not sure which item you mean. Reply with its number (within 10 minutes):',
  },
  latestStanding: {
    zh: (standing: string, who: string, date: string) => `最新进展 ${standing}（${who}，${date}）`,
    en: (standing: string, who: string, date: string) => `latest: ${standing} (${who}, ${date})`,
  },
  noProgress: { zh: '暂无进展记录', en: 'no progress recorded yet' },
  itemHead: {
    zh: (id: string, title: string, part: string, partTitle: string, _inEnglish: boolean) =>
      `**${id} ${title}**（${part}：${partTitle}）`,
    en: (id: string, title: string, part: string, partTitle: string, inEnglish: boolean) =>
      `**Item ${id}${inEnglish ? `: ${title}` : ` “${title}”`}** (${part}: ${partTitle}) says:`,
  },
  latestUpdate: {
    zh: (note: string, who: string, when: string) => `最近进展：${note}（${who}，${when}）`,
    en: (note: string, who: string, when: string) => `Latest update: ${note} (${who}, ${when})`,
  },
  targetsHead: { zh: '目标：', en: 'Targets:' },
  itemSource: {
    zh: (report: string, part: string, index: number, id: string) => `出处：${report}，${part}第${index}项（${id}）`,
    en: (report: string, _part: string, _index: number, id: string) => `Source: ${report}, item ${id}`,
  },
  sectionHead: {
    zh: (part: string, _id: string, title: string, _inEnglish: boolean) => `**${part} ${title}**`,
    en: (_part: string, id: string, title: string, inEnglish: boolean) =>
      `**Section ${id}${inEnglish ? `: ${title}` : ` “${title}”`}** says:`,
  },
  sectionSource: {
    zh: (report: string, part: string) => `出处：${report}，${part}`,
    en: (report: string, part: string) => `Source: ${report}, ${part}`,
  },
  sectionItems: {
    zh: (part: string, _id: string, title: string, _inEnglish: boolean, n: number) =>
      `**${part} ${title}** 共${n}项工作：`,
    en: (_part: string, id: string, title: string, inEnglish: boolean, n: number) =>
      `**Section ${id}${inEnglish ? `: ${title}` : ` “${title}”`}** has ${n} items:`,
  },
  // Figures and sections.
  milestoneStanding: {
    zh: (done: boolean) => (done ? '已完成' : '未完成'),
    en: (done: boolean) => (done ? 'done' : 'not done'),
  },
  comma: { zh: '，', en: ', ' },
  milestonePhrase: { zh: (text: string) => `里程碑：${text}`, en: (text: string) => `milestone: ${text}` },
  atLeast: { zh: '≥', en: 'at least ' },
  atMost: { zh: '≤', en: 'at most ' },
  sectionName: {
    zh: (ordinal: string, _id: string) => `第${ordinal}部分`,
    en: (_ordinal: string, id: string) => `section ${id}`,
  },
  sectionLabel: {
    zh: (ordinal: string, _id: string, title: string) => `（${ordinal}）${title}`,
    en: (_ordinal: string, id: string, title: string) => `${id}. ${title}`,
  },
  // What was wrong with a progress or done command, and what to type instead.
  verbWord: {
    zh: (verb: 'progress' | 'done') => (verb === 'progress' ? '进展' : '完成'),
    en: (verb: 'progress' | 'done') => verb,
  },
  noRef: {
    zh: (verb: 'progress' | 'done') =>
      `请写明是哪一项，例如：${verb === 'progress' ? '进展 4.3 已引进领军人才及团队12个' : '完成 5.2#2'}`,
    en: (verb: 'progress' | 'done') =>
      `Say which item, for example: ${verb === 'progress' ? 'progress 4.3 12' : 'done 5.2#2'}`,
  },
  unknownItem: {
    zh: (ref: string, near: string, cmd: string) =>
      `没有找到“${ref}”这一项。${near ? `您是不是要找：${near}？` : ''}\n` +
      `请用条目编号，例如：${cmd} 4.3 …（发送“任务”查看全部编号）`,
    en: (ref: string, near: string, cmd: string) =>
      `There is no item "${ref}".${near ? ` Did you mean: ${near}?` : ''}\n` +
      `Use the item number, for example: ${cmd} 4.3 … (send "tasks" to see them all)`,
  },
  sectionRef: {
    zh: (ref: string, items: string[]) => `“${ref}”是一个部分，请写到具体条目：\n${items.join('\n')}`,
    en: (ref: string, items: string[]) => `"${ref}" is a whole section; name one of its items:\n${items.join('\n')}`,
  },
  noteNeeded: {
    zh: (cmd: string, id: string) => `请写上进展内容，例如：${cmd} ${id} 已完成某某工作`,
    en: (cmd: string, id: string) => `Add what was done, for example: ${cmd} ${id} finished the survey`,
  },
  noNumber: {
    zh: (id: string, goal: string) =>
      `没有读到数值。${id} 的目标是 ${goal}，请这样写：进展 ${id} 12（或 进展 ${id} +2 表示在原有基础上增加）`,
    en: (id: string, goal: string) =>
      `I could not find a number. ${id} aims at ${goal}; write: progress ${id} 12 (or progress ${id} +2 to add to the last value)`,
  },
  negativeValue: {
    zh: '数值不能是负数。要更正，请直接发送正确的数值；要撤回上一条，请发送“撤销”。',
    en: 'A value cannot be negative. To correct one, send the right value; to take back your last update, send "undo".',
  },
  percentValue: {
    zh: (id: string) => `请填写实际数量，不要用百分比，例如：进展 ${id} 12`,
    en: (id: string) => `Please give the count itself, not a percentage, for example: progress ${id} 12`,
  },
  notationValue: {
    zh: (written: string, id: string) =>
      `“${written}”这种写法读不了，请直接写数字，例如：进展 ${id} 1000 或 进展 ${id} 1.2万`,
    en: (written: string, id: string) =>
      `I cannot read "${written}"; write the number itself, for example: progress ${id} 1000`,
  },
  tooLargeValue: {
    zh: (id: string) => `这个数值大得不合常理，没有记录。请核对后重新发送，例如：进展 ${id} 1.2万`,
    en: (id: string) =>
      `That number is too large to be right, so nothing was recorded. Check it and send again, for example: progress ${id} 12000`,
  },
  whichTarget: {
    zh: (id: string, n: number, lines: string[]) => `${id} 有${n}个目标，请指明是哪一个：\n${lines.join('\n')}`,
    en: (id: string, n: number, lines: string[]) => `${id} has ${n} targets; say which one:\n${lines.join('\n')}`,
  },
  numberForMilestone: {
    zh: (id: string, text: string) => `${id} 是里程碑（${text}），没有数量。完成后请发送：完成 ${id}`,
    en: (id: string, text: string) => `${id} is a milestone (${text}), not a count. When it is done, send: done ${id}`,
  },
  notAMilestone: {
    zh: (id: string, goal: string) => `${id} 是数量目标（${goal}），请发送数量：进展 ${id} 12`,
    en: (id: string, goal: string) => `${id} is a count (${goal}); send the number: progress ${id} 12`,
  },
  // Who one is; corrections.
  whoami: {
    zh: (id: string, role: 'admin' | 'updater' | 'reader') =>
      `您的编号是 ${id}（${{ admin: '管理员', updater: '可以登记进展', reader: '可以提问，不能登记进展' }[role]}）。` +
      '管理员把这个编号加入 DUBAN_UPDATERS 或 DUBAN_ADMINS 即可授权。',
    en: (id: string, role: 'admin' | 'updater' | 'reader') =>
      `Your id is ${id} (${{ admin: 'an admin', updater: 'may record progress', reader: 'may ask, not record' }[role]}). ` +
      'An admin adds this id to DUBAN_UPDATERS or DUBAN_ADMINS to let you record.',
  },
  editUsage: {
    zh: '修改一条记录，写编号和新数值，例如：修改 17 15（编号见“历史 4.3”）。',
    en: 'To correct a record give its number and the new value, for example: edit 17 15 (numbers are in "history 4.3").',
  },
  notAValueRecord: {
    zh: (id: number) => `记录 #${id} 没有数值，不能修改；要撤回它，请发送：撤销 ${id}`,
    en: (id: number) => `Record #${id} holds no value to correct; to take it back, send: undo ${id}`,
  },
  editedTitle: { zh: (id: number) => `已修改记录 #${id}`, en: (id: number) => `Corrected record #${id}` },
  edited: {
    zh: (target: string, before: string, after: string, id: number) =>
      `${target}：${before} → **${after}**（新记录 #${id}）`,
    en: (target: string, before: string, after: string, id: number) =>
      `${target}: ${before} → **${after}** (new record #${id})`,
  },
  // Values to confirm; as-of dates.
  confirmScale: {
    zh: (reading: string, goal: string) => `目标是 ${goal}。是 ${reading} 吗？回复“是”记录 ${reading}，或重新发送。`,
    en: (reading: string, goal: string) =>
      `The target is ${goal}. Did you mean ${reading}? Reply "yes" to record ${reading}, or send it again.`,
  },
  confirmDrop: {
    zh: (reading: string, before: string) =>
      `比上次（${before}）少。确认记录 ${reading} 吗？回复“是”记录，或重新发送。`,
    en: (reading: string, before: string) =>
      `That is less than last time (${before}). Record ${reading}? Reply "yes" to record it, or send it again.`,
  },
  nothingToConfirm: {
    zh: '没有等您确认的进展（确认要在提问后10分钟内、在同一个群里回复）。请重新发送进展。',
    en: 'There is no update waiting for you to confirm (reply within 10 minutes, in the same place). Please send it again.',
  },
  badAsOf: {
    zh: (date: string, problem: 'no-such-day' | 'future') =>
      problem === 'future'
        ? `“截至 ${date}”还没到，没有记录。`
        : `没有 ${date} 这一天，没有记录。请写成：截至6月30日 或 截至6月底`,
    en: (date: string, problem: 'no-such-day' | 'future') =>
      problem === 'future'
        ? `"as of ${date}" is still to come; nothing was recorded.`
        : `There is no day ${date}; nothing was recorded. Write: as of 30 June`,
  },
  asOfNote: { zh: (date: string) => `（截至 ${date}）`, en: (date: string) => ` (as of ${date})` },
  implausible: {
    zh: (value: string, goal: string, id: string) =>
      `${value} 和目标（${goal}）差得太远，没有记录。请核对后重新发送，例如：进展 ${id} 12`,
    en: (value: string, goal: string, id: string) =>
      `${value} is too far from the target (${goal}) to be right; nothing was recorded. Check it and send again, for example: progress ${id} 12`,
  },
  // Weekly and monthly reports for leadership; the workbook; files sent with a reply.
  periodTitle: {
    zh: (kind: 'week' | 'month', start: string, end: string) =>
      kind === 'week'
        ? `督办周报 · ${start} 至 ${end}`
        : `督办月报 · ${Number(start.slice(0, 4))}年${Number(start.slice(5, 7))}月`,
    en: (kind: 'week' | 'month', start: string, end: string) =>
      kind === 'week'
        ? `duban weekly report · ${start} to ${end}`
        : `duban monthly report · ${new Date(`${start}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
  },
  periodSoFar: { zh: (at: string) => `（截至 ${at}）`, en: (at: string) => ` (to ${at})` },
  periodWord: {
    zh: (kind: 'week' | 'month') => (kind === 'week' ? '本周' : '本月'),
    en: (kind: 'week' | 'month') => (kind === 'week' ? 'this week' : 'this month'),
  },
  periodMoved: {
    zh: (kind: 'week' | 'month', records: number, moved: number) =>
      `**${kind === 'week' ? '本周' : '本月'}进展**（${records}条记录，${moved}项有变化）`,
    en: (kind: 'week' | 'month', records: number, moved: number) =>
      `**Moved ${kind === 'week' ? 'this week' : 'this month'}** (${records} records, ${moved} changes)`,
  },
  periodNothing: {
    zh: (kind: 'week' | 'month') => `${kind === 'week' ? '本周' : '本月'}没有新的进展。`,
    en: (kind: 'week' | 'month') => `No progress was recorded ${kind === 'week' ? 'this week' : 'this month'}.`,
  },
  periodMet: {
    zh: (kind: 'week' | 'month', n: number, met: number, all: number) =>
      `**${kind === 'week' ? '本周' : '本月'}达成**（${n}个；累计达成 ${met}/${all}）`,
    en: (kind: 'week' | 'month', n: number, met: number, all: number) =>
      `**Met ${kind === 'week' ? 'this week' : 'this month'}** (${n}; ${met} of ${all} met so far)`,
  },
  periodBehind: {
    zh: (n: number, expected: number) => `**进度落后**（${n}个，按计划应完成约${expected}%）`,
    en: (n: number, expected: number) => `**Behind the pace of the plan** (${n}; about ${expected}% expected by now)`,
  },
  periodStale: {
    zh: (n: number, days: number) => `**超过${days}天未更新**（${n}项）`,
    en: (n: number, days: number) => `**No update for ${days} days or more** (${n})`,
  },
  aside: { zh: (parts: string[]) => `（${parts.join('；')}）`, en: (parts: string[]) => ` (${parts.join('; ')})` },
  nameSep: { zh: '、', en: ', ' },
  unitAside: { zh: (unit: string) => `牵头单位：${unit}`, en: (unit: string) => `lead unit: ${unit}` },
  periodRest: {
    zh: (n: number, cmd: string) => `…另有${n}项，发送“${cmd}”查看全部`,
    en: (n: number, cmd: string) => `…and ${n} more; send "${cmd}" to see them all`,
  },
  periodCommand: {
    zh: (kind: 'week' | 'month', words: ('previous' | 'all')[], date?: string) =>
      [
        kind === 'week' ? '周报' : '月报',
        ...(date ? [date] : []),
        ...words.map((w) => (w === 'all' ? '全部' : kind === 'week' ? '上周' : '上月')),
      ].join(' '),
    en: (kind: 'week' | 'month', words: ('previous' | 'all')[], date?: string) =>
      [
        kind === 'week' ? 'weekly' : 'monthly',
        ...(date ? [date] : []),
        ...words.map((w) => (w === 'all' ? 'all' : 'last')),
      ].join(' '),
  },
  periodHint: {
    zh: (kind: 'week' | 'month') =>
      kind === 'week'
        ? '上周：周报 上周 ｜ 全部：周报 全部 ｜ 表格：导出 周（管理员）'
        : '上月：月报 上月 ｜ 全部：月报 全部 ｜ 表格：导出（管理员）',
    en: (kind: 'week' | 'month') =>
      kind === 'week'
        ? 'Last week: weekly last | everything: weekly all | workbook: export week (admins)'
        : 'Last month: monthly last | everything: monthly all | workbook: export (admins)',
  },
  periodUsage: {
    zh: (bad: string, cmd: string) =>
      `看不懂“${bad}”。可以这样写：${cmd} ｜ ${cmd} 上期 ｜ ${cmd} 全部 ｜ ${cmd} 2015-06-03`,
    en: (bad: string, cmd: string) =>
      `I do not understand "${bad}". Write: ${cmd} | ${cmd} last | ${cmd} all | ${cmd} 2015-06-03`,
  },
  periodNotYet: {
    zh: (start: string) => `这一期从 ${start} 开始，还没有到。`,
    en: (start: string) => `That period starts on ${start}; it has not begun yet.`,
  },
  exported: {
    zh: (name: string, start: string, end: string) => `导出 ${name}：${start} 至 ${end} 的完成情况、进展记录和责任人。`,
    en: (name: string, start: string, end: string) =>
      `Exported ${name}: standings, records and owners, ${start} to ${end}.`,
  },
  fileSaved: { zh: (path: string) => `文件已保存：${path}`, en: (path: string) => `File saved: ${path}` },
  fileNotSent: {
    zh: (name: string, command?: string) =>
      `（这里发不了文件 ${name}${command ? `；可在服务器上用命令行导出：${command}` : ''}）`,
    en: (name: string, command?: string) =>
      `(${name} cannot be sent here${command ? `; export it on the server: ${command}` : ''})`,
  },
  stateWord: {
    zh: (s: 'met' | 'unmet' | 'behind' | 'stale' | 'none' | 'going') =>
      ({ met: '已达成', unmet: '期末未完成', behind: '落后', stale: '久未更新', none: '暂无进展', going: '推进中' })[s],
    en: (s: 'met' | 'unmet' | 'behind' | 'stale' | 'none' | 'going') =>
      ({ met: 'met', unmet: 'not met', behind: 'behind', stale: 'stale', none: 'no update', going: 'on track' })[s],
  },
  yesNo: { zh: (yes: boolean) => (yes ? '是' : '否'), en: (yes: boolean) => (yes ? 'yes' : 'no') },
  targetColumns: {
    zh: [
      '报告',
      '部分',
      '条目',
      '条目名称',
      '目标',
      '指标',
      '当前值',
      '目标值',
      '单位',
      '完成率%',
      '状态',
      '责任人',
      '牵头单位',
      '最近更新',
    ],
    en: [
      'report',
      'section',
      'item',
      'item title',
      'target',
      'metric',
      'value',
      'target value',
      'unit',
      'percent',
      'state',
      'owners',
      'lead unit',
      'last update',
    ],
  },
  recordColumns: {
    zh: ['编号', '报告', '条目', '目标', '登记人', '账号', '登记时间', '截至日期', '数值', '内容', '类型', '已撤销'],
    en: ['id', 'report', 'item', 'target', 'who', 'account', 'when', 'as of', 'value', 'note', 'kind', 'undone'],
  },
  ownerColumns: {
    zh: ['报告', '条目', '条目名称', '目标', '责任人', '账号', '牵头单位', '指定人', '指定时间'],
    en: ['report', 'item', 'item title', 'target', 'owner', 'account', 'lead unit', 'assigned by', 'assigned at'],
  },
  exportNewest: {
    zh: (n: number, command: string) => `本表只列本期最新的${n}条记录；全部记录请在服务器上运行：${command}`,
    en: (n: number, command: string) =>
      `This sheet lists the newest ${n} records of the period; for every record, run on the server: ${command}`,
  },
  sheetNames: {
    zh: { records: '进展记录', owners: '责任人' },
    en: { records: 'records', owners: 'owners' },
  },
} satisfies Record<string, { zh: unknown; en: unknown }>;
