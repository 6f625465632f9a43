// Progress records for the bench: `count` of them in one unit of work, spread over the report's
// items (a value for each quantity target, a note otherwise), sent at `at(i)` when given.
export async function seedRecords(core, count, notes, at) {
  const items = core.bot.answerer.reports[0].sections.flatMap((s) => s.items);
  await core.store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const item = items[i % items.length];
      const target = item.targets.find((x) => x.kind === 'quantity');
      const note = `${notes[i % notes.length]}${i}`;
      await tx.progress.add(
        {
          reportId: 'cixi-2015',
          itemId: item.id,
          targetId: target?.id ?? null,
          value: target ? (i % 20) + 1 : null,
          kind: 'update',
          note,
          rawText: `进展 ${item.id} ${note}`,
          createdAt: at?.(i),
        },
        { platform: 'bench', userId: `u${i % 40}`, userName: `用户${i % 40}`, channelId: 'C' },
      );
    }
  });
}
