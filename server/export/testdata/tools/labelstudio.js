// Loads one Label Studio task, as gloss exports it, into the real Label
// Studio editor (window.LabelStudio, from @heartexlabs/label-studio's
// build) and reads back what the editor made of it: its regions (offsets,
// labels, the text it resolved, the text it highlighted) and the result it
// would save, serializeAnnotation(). tools_test.go compares that with what
// gloss meant.
'use strict';

window.glossLoad = (task, config) =>
  new Promise((resolve, reject) => {
    const fail = (e) => reject(new Error(String((e && e.stack) || e)));
    window.addEventListener('error', (e) => fail(e.error || e.message));
    window.addEventListener('unhandledrejection', (e) => fail(e.reason));
    const deadline = Date.now() + 15000;
    new window.LabelStudio('label-studio', {
      config,
      task,
      interfaces: ['panel', 'side-column', 'annotations:menu'],
      user: { id: 1, first_name: 'gloss', last_name: 'test' },
      onLabelStudioLoad(ls) {
        // The task's annotations arrive after this callback: wait for them,
        // select the first, then wait until every region is drawn, or the
        // count of drawn regions has settled (a region that never draws is
        // reported, not waited for).
        const waitAnnotation = () => {
          const store = ls.annotationStore;
          if (store.annotations.length === 0) {
            if (Date.now() > deadline) return fail('Label Studio loaded no annotation');
            return setTimeout(waitAnnotation, 20);
          }
          const a = store.annotations[0];
          store.selectAnnotation(a.id);
          const drawBy = Date.now() + 3000;
          let last = -1;
          let still = 0;
          const waitDrawn = () => {
            const regions = a.regionStore.regions;
            const drawn = regions.filter((r) => (r._spans || []).length > 0).length;
            still = drawn === last ? still + 1 : 0;
            last = drawn;
            const settled = drawn > 0 && still >= 10; // no change for 500 ms
            if (drawn < regions.length && !settled && Date.now() < drawBy) return setTimeout(waitDrawn, 50);
            try {
              resolve({
                annotations: store.annotations.length,
                regions: regions.map((r) => ({
                  id: String(r.cleanId ?? r.id),
                  start: r.startOffset,
                  end: r.endOffset,
                  labels: (r.labels || []).slice(),
                  text: r.text,
                  highlight: (r._spans || []).map((s) => s.textContent).join(''),
                })),
                result: a.serializeAnnotation(),
              });
            } catch (e) {
              fail(e);
            }
          };
          setTimeout(waitDrawn, 50);
        };
        waitAnnotation();
      },
    });
  });
