// Loads one Label Studio task, as gloss exports it, into the real Label
// Studio editor (window.LabelStudio, from @heartexlabs/label-studio's
// build) and reads back what the editor made of each of its annotations:
// whether it is the ground truth, its regions (offsets, labels, the text it
// resolved, the text it highlighted), the relations it drew between them
// (by region id, with direction and labels) and the result it would save,
// serializeAnnotation(). tools_test.go compares that with what gloss meant.
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
        // then select each in turn (a layered export has one per layer) and
        // wait until every region is drawn, or the count of drawn regions
        // has settled (a region that never draws is reported, not waited
        // for).
        const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
        const drawn = async (a) => {
          const drawBy = Date.now() + 3000;
          let last = -1;
          let still = 0;
          for (;;) {
            await sleep(50);
            const regions = a.regionStore.regions;
            const n = regions.filter((r) => (r._spans || []).length > 0).length;
            still = n === last ? still + 1 : 0;
            last = n;
            const settled = n > 0 && still >= 10; // no change for 500 ms
            if (n >= regions.length || settled || Date.now() >= drawBy) return;
          }
        };
        (async () => {
          const store = ls.annotationStore;
          while (store.annotations.length === 0) {
            if (Date.now() > deadline) throw new Error('Label Studio loaded no annotation');
            await sleep(20);
          }
          const out = [];
          for (const a of store.annotations.slice()) {
            store.selectAnnotation(a.id);
            await drawn(a);
            out.push({
              ground_truth: a.ground_truth,
              regions: a.regionStore.regions.map((r) => ({
                id: String(r.cleanId ?? r.id),
                start: r.startOffset,
                end: r.endOffset,
                labels: (r.labels || []).slice(),
                text: r.text,
                highlight: (r._spans || []).map((s) => s.textContent).join(''),
              })),
              relations: a.relationStore.relations.map((r) => ({
                from: String(r.node1.cleanId ?? r.node1.id),
                to: String(r.node2.cleanId ?? r.node2.id),
                direction: r.direction,
                labels: r.relations ? r.relations.selectedValues() : [],
              })),
              result: a.serializeAnnotation(),
            });
          }
          return { annotations: out };
        })().then(resolve, fail);
      },
    });
  });
