// Draws each target's chart on an item page: the values in force by as-of date against the plan's
// pace (or the goal, for a ceiling or a milestone). Data comes from the page; uPlot from /assets.
(() => {
  const data = JSON.parse(document.getElementById('series').textContent);
  const charts = [];
  for (const box of document.querySelectorAll('.chart')) {
    const s = data.series[Number(box.dataset.series)];
    const opts = {
      width: box.clientWidth || 320,
      height: 240,
      scales: { x: { time: true } },
      series: [
        {},
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
