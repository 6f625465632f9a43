// Draws each target's chart on an item page: the values in force by as-of date against the plan's
// pace (or the goal, for a ceiling or a milestone). Data comes from the page; uPlot from /assets.
(() => {
  const data = JSON.parse(document.getElementById('series').textContent);
  const months = Array.from({ length: 12 }, (_, m) => `${m + 1}月`);
  // Chinese pages name months and weekdays in Chinese; uPlot's defaults are English.
  const names = {
    MMMM: months,
    MMM: months,
    WWWW: [...'日一二三四五六'].map((d) => `星期${d}`),
    WWW: [...'日一二三四五六'],
  };
  const zh = document.documentElement.lang.startsWith('zh');
  const charts = [];
  for (const box of document.querySelectorAll('.chart')) {
    const s = data.series[Number(box.dataset.series)];
    const opts = {
      width: box.clientWidth || 320,
      height: 240,
      scales: { x: { time: true } },
      fmtDate: zh ? (tpl) => uPlot.fmtDate(tpl, names) : undefined,
      series: [
        { label: data.legend.date },
        { label: `${data.legend.value} (${s.unit})`, stroke: '#1849a9', width: 2, points: { size: 7 }, spanGaps: true },
        {
          label: s.rising ? data.legend.pace : data.legend.goal,
          stroke: '#8a4b00',
          width: 1.5,
          dash: [6, 4],
          points: { show: false },
          spanGaps: true,
        },
      ],
    };
    charts.push({ box, plot: new uPlot(opts, [s.x, s.value, s.pace], box) });
  }
  addEventListener('resize', () => {
    for (const { box, plot } of charts) plot.setSize({ width: box.clientWidth || 320, height: 240 });
  });
})();
