// Package metrics is gloss's Prometheus instrumentation: HTTP requests by
// route and status with their latency, live rooms, sockets and ops, group
// commits (changes per transaction, time to commit, which is bbolt's two
// fdatasyncs for the most part), imports and exports. It uses the
// Prometheus client library (client_golang) rather than a hand-written
// text exposition: histograms, the registry and the format are its job.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds gloss's collectors in a registry of its own.
type Metrics struct {
	reg *prometheus.Registry

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	commits  prometheus.Histogram
	commitS  prometheus.Histogram
	failed   prometheus.Counter
	liveOps  *prometheus.CounterVec
	imported *prometheus.CounterVec
	exported *prometheus.CounterVec
}

// New makes the collectors and registers them, with the Go runtime's and
// the process's.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gloss_http_requests_total", Help: "HTTP requests by route, method and status.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "gloss_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route and method (a streamed export or backup: until its stream starts).",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "method"})
	m.commits = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "gloss_commit_changes", Help: "Annotation changes per group-committed transaction.",
		Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256},
	})
	m.commitS = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "gloss_commit_duration_seconds", Help: "Time of one group commit, fsyncs included.",
		Buckets: []float64{.0002, .0005, .001, .002, .005, .01, .02, .05, .1, .25, 1},
	})
	m.failed = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "gloss_commit_failures_total", Help: "Group commits that failed (disk full, I/O errors) and were retried change by change.",
	})
	m.liveOps = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gloss_live_ops_total", Help: "Ops sent over live sockets, by outcome (acked, refused).",
	}, []string{"outcome"})
	m.imported = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gloss_imported_total", Help: "Articles and annotations stored by imports.",
	}, []string{"what"})
	m.exported = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gloss_exports_total", Help: "Exports started, by format.",
	}, []string{"format"})
	m.reg.MustRegister(m.requests, m.latency, m.commits, m.commitS, m.failed, m.liveOps, m.imported, m.exported,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Live registers gauges read from the hub when scraped.
func (m *Metrics) Live(rooms, sockets func() float64) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "gloss_live_rooms", Help: "Articles open live."}, rooms),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "gloss_live_sockets", Help: "Live sockets open."}, sockets),
	)
}

// Commit records one group commit: how many changes, how long, whether it
// failed. storage.Options.OnCommit takes it.
func (m *Metrics) Commit(changes int, d time.Duration, err error) {
	m.commits.Observe(float64(changes))
	m.commitS.Observe(d.Seconds())
	if err != nil {
		m.failed.Inc()
	}
}

// LiveOp counts an op from a socket: acked or refused.
func (m *Metrics) LiveOp(acked bool) {
	if acked {
		m.liveOps.WithLabelValues("acked").Inc()
	} else {
		m.liveOps.WithLabelValues("refused").Inc()
	}
}

// Imported counts what an import stored.
func (m *Metrics) Imported(articles, annotations int) {
	m.imported.WithLabelValues("articles").Add(float64(articles))
	m.imported.WithLabelValues("annotations").Add(float64(annotations))
}

// Exported counts an export started.
func (m *Metrics) Exported(format string) { m.exported.WithLabelValues(format).Inc() }

// Observe records one answered request by its route pattern
// (/api/articles/:id, not each id: a label per article would grow
// without bound).
func (m *Metrics) Observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
}

// Handler serves the registry in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
