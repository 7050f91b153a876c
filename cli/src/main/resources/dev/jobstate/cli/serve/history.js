'use strict';
// While the history is being collected, say how far it got, and show it when it is ready.
(() => {
  jobstate.header().catch(() => {});
  const progress = document.getElementById('progress');
  if (!progress) return;
  const days = progress.dataset.days;
  jobstate.poll(async () => {
    const state = await jobstate.getJson('/api/history?days=' + encodeURIComponent(days));
    if (state.ready) {
      location.reload();
      return;
    }
    if (state.total > 0) {
      progress.textContent = 'Reading the farm… ' + jobstate.number(state.done) + ' of '
          + jobstate.number(state.total) + ' accounts';
    }
  }, 1000);
})();
