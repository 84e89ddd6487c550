package export_test

// TestFilesLoadInTools loads the exports of the seed documents (as they
// are, cleaned, and as an export of all layers brings them) into the
// third-party tools each format is meant for and checks that what the tool
// reads is what gloss meant: the same spans (offsets, labels, texts), the
// same attributes, the same counts, and with layers the layer of each span
// (Label Studio: one annotation per layer, gold's the ground truth). The checkers live in testdata/tools:
//
//	check.py         doccano's import rules (with chardet), spaCy offsets,
//	                 NLTK's ConllCorpusReader, PyLD and rdflib on ClaimReview
//	check.mjs        Apache Annotator on the w3c selectors, jsonld.js on
//	                 ClaimReview (and on w3c, which needs a context no
//	                 package ships: reported as not verifiable)
//	labelstudio.js   the Label Studio editor in headless Chromium
//
// testdata/tools/install.sh installs them (Debian packages, and npm
// packages into $GLOSS_TOOLS_DIR, by default the user cache dir's
// gloss-tools). This test never installs anything: a missing tool skips
// its check, naming what to install, unless GLOSS_REQUIRE_TOOLS=1, which
// makes it a failure.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gloss-dev/gloss/server/export"
	"github.com/gloss-dev/gloss/storage/model"
	"github.com/gloss-dev/gloss/web/browsertest"
)

const toolsSrc = "testdata/tools"

// truthSpan and truthDoc are what gloss meant, written to truth.json for
// the checkers: span texts are sliced from the text by code points here,
// apart from the encoders.
type truthSpan struct {
	ID    uint64            `json:"id"`
	Layer string            `json:"layer,omitempty"` // in a layered export
	Start int               `json:"start"`
	End   int               `json:"end"`
	Label string            `json:"label"`
	Text  string            `json:"text"`
	Attrs map[string]string `json:"attrs"` // set attributes only
}

// truthRelation is a relation gloss meant to write: from and to are the
// ids of its spans in its layer.
type truthRelation struct {
	ID    uint64 `json:"id"`
	Layer string `json:"layer,omitempty"`
	Type  string `json:"type"`
	From  uint64 `json:"from"`
	To    uint64 `json:"to"`
}

type truthDoc struct {
	ID        uint64          `json:"id"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	URL       string          `json:"url"`
	Text      string          `json:"text"`
	Spans     []truthSpan     `json:"spans"`
	Relations []truthRelation `json:"relations"` // those whose ends are both among Spans
}

type truthFile struct {
	BaseURL string     `json:"base_url"`
	Columns []string   `json:"columns"` // the CoNLL tag columns, in order
	Layered bool       `json:"layered"` // the spans have layers; no conll file (it holds one layer)
	Docs    []truthDoc `json:"docs"`
}

// toolCheck is one check's report from check.py or check.mjs.
type toolCheck struct {
	Name         string   `json:"name"`
	Tool         string   `json:"tool"`
	Missing      string   `json:"missing"`
	Unverifiable string   `json:"unverifiable"` // the check cannot be made here, and why
	KnownIssue   string   `json:"known_issue"`  // a fault of the tool, not of the file
	Errors       []string `json:"errors"`
	Notes        []string `json:"notes"`
	Files        int      `json:"files"`
	Docs         int      `json:"docs"`
	Spans        int      `json:"spans"`
	Relations    int      `json:"relations"`
}

func TestFilesLoadInTools(t *testing.T) {
	docs := seedDocs(t)
	cleaned := make([]export.Doc, len(docs))
	for i, d := range docs {
		cleaned[i] = export.Clean(d)
	}
	box := findTools(t)
	for _, v := range []struct {
		name     string
		clean    bool
		docs, in []export.Doc // what the encoders get, and what they are meant to write
	}{
		{"raw", false, docs, docs},
		{"clean", true, docs, cleaned},
		{"layers", false, layeredDocs(docs), layeredDocs(docs)}, // an export of all layers
	} {
		variant := v.name
		dir := filepath.Join(t.TempDir(), variant)
		writeExports(t, dir, v.in, export.Options{Clean: v.clean, BaseURL: baseURL}, v.docs)
		t.Run(variant, func(t *testing.T) {
			t.Parallel() // each variant its own folder; most of the time is the tools starting
			if box.python == "" {
				t.Run("python", func(t *testing.T) { needTool(t, "python3 (apt-get install -y python3)") })
			} else {
				reportChecks(t, runChecker(t, box.python, filepath.Join(box.src, "check.py"), dir, box.schemaOrg))
			}
			switch {
			case box.node == "":
				t.Run("node", func(t *testing.T) { needTool(t, "node (apt-get install -y nodejs)") })
			case box.npmMissing != "":
				t.Run("node", func(t *testing.T) { needTool(t, box.npmMissing) })
			default:
				reportChecks(t, runChecker(t, box.node, filepath.Join(box.src, "check.mjs"), dir, box.nodeModules))
			}
			t.Run("labelstudio-frontend", func(t *testing.T) {
				switch {
				case box.chromium == "":
					needTool(t, "chromium (apt-get install -y chromium)")
				case box.npmMissing != "":
					needTool(t, box.npmMissing)
				}
				checkLabelStudio(t, box, dir)
			})
		})
	}
}

// toolbox says where each tool is; empty when it is missing.
type toolbox struct {
	src         string // testdata/tools, absolute
	python      string // a python3 with Debian's dist-packages
	node        string
	chromium    string
	nodeModules string
	schemaOrg   string // the schema.org JSON-LD context in nodeModules
	npmMissing  string // why nodeModules cannot be used, if it cannot
}

func findTools(t *testing.T) toolbox {
	t.Helper()
	src, err := filepath.Abs(toolsSrc)
	if err != nil {
		t.Fatal(err)
	}
	tl := toolbox{src: src}
	// Debian's python3-nltk, -pyld and -rdflib install for /usr/bin/python3,
	// which need not be the python3 first on PATH (pyenv, a venv).
	tl.python = os.Getenv("GLOSS_PYTHON")
	if tl.python == "" {
		if _, err := os.Stat("/usr/bin/python3"); err == nil {
			tl.python = "/usr/bin/python3"
		} else {
			tl.python, _ = exec.LookPath("python3")
		}
	}
	tl.node, _ = exec.LookPath("node")
	if _, err := os.Stat(browsertest.Chromium); err == nil {
		tl.chromium = browsertest.Chromium
	}
	dir := os.Getenv("GLOSS_TOOLS_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(cache, "gloss-tools")
	}
	tl.nodeModules = filepath.Join(dir, "node_modules")
	tl.schemaOrg = filepath.Join(tl.nodeModules, "@fedify/vocab-runtime/src/contexts/schemaorg.json")
	want, err := os.ReadFile(filepath.Join(src, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	const script = "server/export/testdata/tools/install.sh"
	switch {
	case err != nil:
		tl.npmMissing = fmt.Sprintf("the npm packages of server/export/%s/package.json in %s (run %s)", toolsSrc, dir, script)
	case !bytes.Equal(got, want):
		tl.npmMissing = fmt.Sprintf("%s to hold the npm packages of server/export/%s/package-lock.json (run %s again)", dir, toolsSrc, script)
	}
	if tl.npmMissing != "" {
		tl.schemaOrg = "" // the JSON-LD checks then say what to install
	}
	return tl
}

// needTool skips the test for want of what, or fails it when
// GLOSS_REQUIRE_TOOLS=1.
func needTool(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("GLOSS_REQUIRE_TOOLS") == "1" {
		t.Fatalf("GLOSS_REQUIRE_TOOLS=1 but this check needs %s", what)
	}
	browsertest.Skip(t, fmt.Sprintf("needs %s; install them all with server/export/testdata/tools/install.sh, or GLOSS_REQUIRE_TOOLS=1 makes this a failure", what))
}

// writeExports writes the formats the checkers read, and truth.json, into
// dir. in is what the encoders are meant to write: docs, or docs cleaned
// when opt.Clean is set.
func writeExports(t *testing.T, dir string, in []export.Doc, opt export.Options, docs []export.Doc) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	layered := slices.ContainsFunc(docs, func(d export.Doc) bool {
		return slices.ContainsFunc(d.Annotations, func(a model.Annotation) bool { return a.Layer != "" })
	})
	for _, f := range []string{"doccano", "labelstudio", "spacy", "conll", "w3c", "claimreview"} {
		if layered && export.OneLayer(f) {
			continue
		}
		name := f + export.FileExt(f)
		if err := os.WriteFile(filepath.Join(dir, name), encode(t, f, opt, docs...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tf := truthFile{BaseURL: opt.BaseURL}
	for _, l := range project.Labels {
		tf.Columns = append(tf.Columns, l.Name)
	}
	var extra []string
	for _, d := range in {
		rs := []rune(d.Article.Text)
		td := truthDoc{ID: d.Article.ID, Title: d.Article.Title, Source: d.Article.Source, URL: d.Article.URL, Text: d.Article.Text,
			Spans: []truthSpan{}, Relations: []truthRelation{}}
		for _, a := range d.Annotations {
			attrs := map[string]string{}
			for k, v := range a.Attrs {
				if v != "" {
					attrs[k] = v
				}
			}
			td.Spans = append(td.Spans, truthSpan{a.ID, a.Layer, a.Start, a.End, a.Label, string(rs[a.Start:a.End]), attrs})
			tf.Layered = tf.Layered || a.Layer != ""
			if _, ok := project.Label(a.Label); !ok && !slices.Contains(extra, a.Label) {
				extra = append(extra, a.Label)
			}
		}
		has := func(layer string, id uint64) bool {
			return slices.ContainsFunc(d.Annotations, func(a model.Annotation) bool { return a.Layer == layer && a.ID == id })
		}
		for _, r := range d.Relations {
			if has(r.Layer, r.From) && has(r.Layer, r.To) {
				td.Relations = append(td.Relations, truthRelation{r.ID, r.Layer, r.Type, r.From, r.To})
			}
		}
		tf.Docs = append(tf.Docs, td)
	}
	slices.Sort(extra)
	tf.Columns = append(tf.Columns, extra...)
	b, err := json.Marshal(tf)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runChecker runs a checker script on dir and returns its checks.
func runChecker(t *testing.T, interp, script string, args ...string) []toolCheck {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, interp, append([]string{script}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", interp, filepath.Base(script), err, stderr.String())
	}
	var rep struct{ Checks []toolCheck }
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil || len(rep.Checks) == 0 {
		t.Fatalf("%s: report %q (%v)\n%s", filepath.Base(script), stdout.String(), err, stderr.String())
	}
	return rep.Checks
}

func reportChecks(t *testing.T, checks []toolCheck) {
	t.Helper()
	for _, c := range checks {
		t.Run(c.Name, func(t *testing.T) {
			switch {
			case c.Missing != "":
				needTool(t, c.Missing)
			case c.Unverifiable != "":
				browsertest.Skip(t, "not verifiable here: "+c.Unverifiable)
			case c.KnownIssue != "":
				// Skipped, not passed: go test -v shows the reason.
				browsertest.Skip(t, "known issue of the tool, not of the file: "+c.KnownIssue)
			}
			for _, e := range c.Errors {
				t.Errorf("%s: %s", c.Tool, e)
			}
			t.Logf("%s: %d file, %d documents, %d spans, %d relations read back as meant", c.Tool, c.Files, c.Docs, c.Spans, c.Relations)
			for _, n := range c.Notes {
				t.Logf("  %s", n)
			}
		})
	}
}

// lsConfig is the labeling config doc.go describes for the labelstudio
// format: the relation types, the labels, the text, and a per-region
// control per attribute.
func lsConfig(p model.Project) string {
	var b strings.Builder
	b.WriteString(`<View><Relations>`)
	for _, r := range p.Relations {
		fmt.Fprintf(&b, `<Relation value="%s"/>`, r.Name)
	}
	b.WriteString(`</Relations><Labels name="label" toName="text">`)
	for _, l := range p.Labels {
		fmt.Fprintf(&b, `<Label value="%s"/>`, l.Name)
	}
	b.WriteString(`</Labels><Text name="text" value="$text"/>`)
	seen := map[string]bool{}
	for _, l := range p.Labels {
		for _, a := range l.Attrs {
			if seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			if a.Type != model.AttrEnum {
				fmt.Fprintf(&b, `<TextArea name="%s" toName="text" perRegion="true"/>`, a.Name)
				continue
			}
			fmt.Fprintf(&b, `<Choices name="%s" toName="text" perRegion="true">`, a.Name)
			for _, v := range a.Values {
				fmt.Fprintf(&b, `<Choice value="%s"/>`, v)
			}
			b.WriteString(`</Choices>`)
		}
	}
	b.WriteString(`</View>`)
	return b.String()
}

// lsReadback is what labelstudio.js reads back from the editor: each
// annotation of the task, in the editor's order.
type lsReadback struct {
	Annotations []lsReadAnnotation `json:"annotations"`
}

type lsReadAnnotation struct {
	GroundTruth bool `json:"ground_truth"`
	Regions     []struct {
		ID        string   `json:"id"`
		Start     int      `json:"start"`
		End       int      `json:"end"`
		Labels    []string `json:"labels"`
		Text      string   `json:"text"`
		Highlight string   `json:"highlight"`
	} `json:"regions"`
	// Relations are the relations the editor drew, by region id.
	Relations []struct {
		From      string   `json:"from"`
		To        string   `json:"to"`
		Direction string   `json:"direction"`
		Labels    []string `json:"labels"`
	} `json:"relations"`
	Result []struct {
		ID        string   `json:"id"`
		FromName  string   `json:"from_name"`
		Type      string   `json:"type"`
		FromID    string   `json:"from_id"` // a relation's
		ToID      string   `json:"to_id"`
		Direction string   `json:"direction"`
		Labels    []string `json:"labels"`
		Value     struct {
			Start   int      `json:"start"`
			End     int      `json:"end"`
			Text    any      `json:"text"`
			Labels  []string `json:"labels"`
			Choices []string `json:"choices"`
		} `json:"value"`
	} `json:"result"`
}

// checkLabelStudio loads each task of labelstudio.json into the Label
// Studio editor (@heartexlabs/label-studio's build) in headless Chromium
// and compares the regions it made, and the result it would save, with
// the truth.
func checkLabelStudio(t *testing.T, tl toolbox, dir string) {
	build := filepath.Join(tl.nodeModules, "@heartexlabs/label-studio/build")
	mux := http.NewServeMux()
	mux.Handle("/ls/", http.StripPrefix("/ls/", http.FileServer(http.Dir(build))))
	mux.HandleFunc("/labelstudio.js", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(tl.src, "labelstudio.js"))
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, filepath.Join(tl.src, "labelstudio.html"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var tasks []json.RawMessage
	data, err := os.ReadFile(filepath.Join(dir, "labelstudio.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &tasks); err != nil {
		t.Fatal(err)
	}
	var tf truthFile
	b, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &tf); err != nil {
		t.Fatal(err)
	}
	if got, want := len(tasks), len(tf.Docs); got != want {
		t.Fatalf("%d tasks, want %d", got, want)
	}

	ctx := browsertest.New(t, tl.chromium)
	// The first action starts the browser and ties it to its context, so
	// it runs on ctx itself, not on one of the per-task timeouts below.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	config, _ := json.Marshal(lsConfig(project))
	regions, relations := 0, 0
	for i, task := range tasks {
		doc := tf.Docs[i]
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := chromedp.Do(rctx, chromedp.Navigate(srv.URL+"/")); err != nil {
			cancel()
			t.Fatal(err)
		}
		rb, err := chromedp.Run(rctx, chromedp.Evaluate[lsReadback](
			"glossLoad("+string(task)+", "+string(config)+")", chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			t.Fatalf("task %d: Label Studio: %v", doc.ID, err)
		}
		g, r := compareLabelStudioTask(t, doc, tf.Layered, rb)
		regions, relations = regions+g, relations+r
	}
	t.Logf("Label Studio editor (@heartexlabs/label-studio build): 1 file, %d tasks, %d regions and %d relations read back as meant", len(tasks), regions, relations)
}

// compareLabelStudioTask compares the editor's annotations of one task with
// doc: one annotation, or in a layered export one per layer that has spans,
// the gold layer's alone the ground truth. Each annotation's layer is found
// from its first region's id, which names a span of one layer only since
// region ids are unique in a task. It returns how many regions and
// relations matched.
func compareLabelStudioTask(t *testing.T, doc truthDoc, layered bool, rb lsReadback) (regions, relations int) {
	t.Helper()
	what := fmt.Sprintf("task %d", doc.ID)
	if !layered {
		if len(rb.Annotations) != 1 {
			t.Errorf("%s: Label Studio holds %d annotations, want 1", what, len(rb.Annotations))
			return 0, 0
		}
		return compareLabelStudio(t, what, doc, rb.Annotations[0])
	}
	byLayer := map[string]truthDoc{}
	layerOf := map[string]string{} // region id → layer
	for _, s := range doc.Spans {
		d, ok := byLayer[s.Layer]
		if !ok {
			d = doc
			d.Spans, d.Relations = nil, nil
		}
		d.Spans = append(d.Spans, s)
		byLayer[s.Layer] = d
		layerOf[fmt.Sprint(s.ID)] = s.Layer
	}
	for _, r := range doc.Relations {
		d := byLayer[r.Layer]
		d.Relations = append(d.Relations, r)
		byLayer[r.Layer] = d
	}
	if len(rb.Annotations) != len(byLayer) {
		t.Errorf("%s: Label Studio holds %d annotations, want one per layer: %d", what, len(rb.Annotations), len(byLayer))
	}
	for i, a := range rb.Annotations {
		if len(a.Regions) == 0 {
			t.Errorf("%s: annotation %d has no region", what, i)
			continue
		}
		layer, ok := layerOf[a.Regions[0].ID]
		d, unseen := byLayer[layer]
		if !ok || !unseen {
			t.Errorf("%s: annotation %d: region %s names no span of a layer not yet seen", what, i, a.Regions[0].ID)
			continue
		}
		delete(byLayer, layer)
		if a.GroundTruth != (layer == model.Gold) {
			t.Errorf("%s: layer %s's annotation has ground_truth %v", what, layer, a.GroundTruth)
		}
		g, r := compareLabelStudio(t, what+", layer "+layer, d, a)
		regions, relations = regions+g, relations+r
	}
	return regions, relations
}

// compareLabelStudio reports where the editor's reading of one annotation
// (of the task what names) differs from doc and returns how many regions
// and relations matched. Label Studio
// shows a line break as a break, not as a character, so region texts are
// compared without their line breaks; offsets are compared exactly.
func compareLabelStudio(t *testing.T, what string, doc truthDoc, rb lsReadAnnotation) (regions, relations int) {
	t.Helper()
	noBreaks := strings.NewReplacer("\n", "", "\r", "").Replace
	want := map[string]truthSpan{}
	for _, s := range doc.Spans {
		want[fmt.Sprint(s.ID)] = s
	}
	if got, w := len(rb.Regions), len(doc.Spans); got != w {
		t.Errorf("%s: %d regions, want %d", what, got, w)
	}
	matched := 0
	for _, r := range rb.Regions {
		s, ok := want[r.ID]
		if !ok {
			t.Errorf("%s: region %s is no span of the article", what, r.ID)
			continue
		}
		ok = true
		if r.Start != s.Start || r.End != s.End || !slices.Equal(r.Labels, []string{s.Label}) {
			t.Errorf("%s: region %s is %v [%d,%d), want %s [%d,%d)", what, r.ID, r.Labels, r.Start, r.End, s.Label, s.Start, s.End)
			ok = false
		}
		if noBreaks(r.Text) != noBreaks(s.Text) {
			t.Errorf("%s: region %s reads %q, want %q", what, r.ID, r.Text, s.Text)
			ok = false
		}
		switch {
		case r.Highlight == "" && s.End == len([]rune(doc.Text)) && strings.HasSuffix(doc.Text, "\n"):
			// Label Studio 1.4 draws no region that ends at the end of a
			// text ending in a line break (tried on "ab cd\n" [3,6)), though
			// it loads it with the right offsets, labels and text.
			t.Logf("known issue of Label Studio, not of the file: %s: region %s [%d,%d) ends at the text's final line break and is not drawn", what, r.ID, r.Start, r.End)
			ok = false
		case noBreaks(r.Highlight) != noBreaks(s.Text):
			t.Errorf("%s: region %s highlights %q, want %q", what, r.ID, r.Highlight, s.Text)
			ok = false
		}
		if ok {
			matched++
		}
	}
	// What the editor would save: each region's labels result and one
	// choices or textarea result per set attribute.
	gotAttrs := map[string]map[string]string{}
	var drawn, saved []string // relations as the editor holds them, and saves them
	for _, r := range rb.Relations {
		drawn = append(drawn, fmt.Sprintf("%s %s %s %v", r.From, r.To, r.Direction, r.Labels))
	}
	for _, r := range rb.Result {
		if r.Type == "relation" {
			saved = append(saved, fmt.Sprintf("%s %s %s %v", r.FromID, r.ToID, r.Direction, r.Labels))
			continue
		}
		s, ok := want[r.ID]
		if !ok {
			t.Errorf("%s: result for region %s, which is no span", what, r.ID)
			continue
		}
		if r.Value.Start != s.Start || r.Value.End != s.End {
			t.Errorf("%s: %s result of region %s at [%d,%d), want [%d,%d)", what, r.Type, r.ID, r.Value.Start, r.Value.End, s.Start, s.End)
		}
		if gotAttrs[r.ID] == nil {
			gotAttrs[r.ID] = map[string]string{}
		}
		switch r.Type {
		case "labels":
			if txt, _ := r.Value.Text.(string); !slices.Equal(r.Value.Labels, []string{s.Label}) || noBreaks(txt) != noBreaks(s.Text) {
				t.Errorf("%s: region %s saves %v %q, want %s %q", what, r.ID, r.Value.Labels, txt, s.Label, s.Text)
			}
		case "choices":
			gotAttrs[r.ID][r.FromName] = strings.Join(r.Value.Choices, "|")
		case "textarea":
			var vs []string
			if list, ok := r.Value.Text.([]any); ok {
				for _, v := range list {
					vs = append(vs, fmt.Sprint(v))
				}
			}
			gotAttrs[r.ID][r.FromName] = strings.Join(vs, "|")
		default:
			t.Errorf("%s: region %s saves a %s result", what, r.ID, r.Type)
		}
	}
	var wantRels []string
	for _, r := range doc.Relations {
		wantRels = append(wantRels, fmt.Sprintf("%d %d right [%s]", r.From, r.To, r.Type))
	}
	slices.Sort(wantRels)
	slices.Sort(drawn)
	slices.Sort(saved)
	if !slices.Equal(drawn, wantRels) || !slices.Equal(saved, wantRels) {
		t.Errorf("%s: Label Studio draws relations %q and saves %q, want %q", what, drawn, saved, wantRels)
	} else {
		relations = len(wantRels)
	}
	for id, s := range want {
		got := gotAttrs[id]
		if got == nil {
			t.Errorf("%s: Label Studio saves nothing for region %s", what, id)
			continue
		}
		if !mapsEqual(got, s.Attrs) {
			t.Errorf("%s: region %s saves attributes %v, want %v", what, id, got, s.Attrs)
		}
	}
	return matched, relations
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
