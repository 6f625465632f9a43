const { loadConfig } = await import('/work/main/dist/config.js');
const { openAnswerer } = await import('/work/main/dist/answer/open.js');
const a = await openAnswerer(loadConfig({ DUBAN_DATA_DIR: '/tmp/memdir' }));
for (const q of process.argv.slice(2)) {
  const j = await a.judge(q);
  console.log(
    q,
    'p=',
    j.p.toFixed(3),
    JSON.stringify(Object.fromEntries(Object.entries(j.features).map(([k, v]) => [k, +v.toFixed(2)]))),
  );
  console.log(
    '  concepts:',
    j.query.concepts
      .map((c) => `${c.alternatives.slice(0, 3).join('/')}${c.weight !== undefined ? '(' + c.weight + ')' : ''}`)
      .join(' '),
  );
  console.log(
    '  hits:',
    j.hits
      .slice(0, 3)
      .map((h) => `${h.doc.ref}:${h.coverage.toFixed(2)}`)
      .join(' '),
  );
}
