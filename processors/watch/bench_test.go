package watch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/schemas"
)

// benchWatched is how many companies the benchmarks watch, and one event
// in benchEvery is about one of them: the real officers stream is about
// millions of companies, a watchlist about few.
const (
	benchWatched = 100
	benchEvery   = 100
)

// benchStream renders n officers events from timepoint start, one in
// benchEvery about a watched company, with a heartbeat every 50.
func benchStream(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		number := fmt.Sprintf("%08d", 80_000_000+i%9_999_999)
		if i%benchEvery == 0 {
			number = fmt.Sprintf("%08d", i/benchEvery%benchWatched)
		}
		fmt.Fprintf(&b, `{"resource_kind":"company-officers","resource_uri":"/company/%s/appointments/a%015d","resource_id":"a%015d",`+
			`"data":{"name":"DOE, Jane","officer_role":"director","appointed_on":"2026-12-01","links":{"self":"/company/%s/appointments/a%015d"}},`+
			`"event":{"timepoint":%d,"published_at":"2026-12-01T09:00:00","type":"changed"}}`+"\n", number, i, i, number, i, start+i)
		if i%50 == 49 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func benchWatchlist() []string {
	out := make([]string, benchWatched)
	for i := range out {
		out[i] = fmt.Sprintf("%08d", i)
	}
	return out
}

// BenchmarkDecodeAndFilter is the cost of one event before Kafka: JSON
// decoding, the company number and the watchlist lookup.
func BenchmarkDecodeAndFilter(b *testing.B) {
	body := benchStream(100_000)
	l := NewList()
	for _, c := range benchWatchlist() {
		v, err := schemas.EncodeWatchEntry(&schemas.WatchEntry{CompanyNumber: c, Source: schemas.WatchFromCLI, AddedAt: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
		l.add(v, c)
	}
	b.SetBytes(int64(len(body) / 100_000))
	b.ResetTimer()
	watched, n := 0, 0
	for n < b.N {
		dec := json.NewDecoder(bytes.NewReader(body))
		for n < b.N && dec.More() {
			var ev chstream.Event
			if err := dec.Decode(&ev); err != nil {
				b.Fatal(err)
			}
			if l.Watched(ev.CompanyNumber()) {
				watched++
			}
			n++
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkWatchRole is the role end to end: b.N events over HTTP from
// an in-process server, filtered, the watched ones produced to an
// in-process kfake broker in transactions with the stream's position.
// The broker and the server share the machine's cores with the role.
func BenchmarkWatchRole(b *testing.B) {
	body := benchStream(b.N)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("timepoint") != "" {
			<-r.Context().Done() // the whole stream was sent on the first call
			return
		}
		_, _ = w.Write(body)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	defer srv.Close()
	h := newBenchHarness(b, srv.URL)
	h.watch(benchWatchlist()...)
	w := h.role(chstream.Officers, func(c *Config) { c.Linger, c.MaxBatch = 100*time.Millisecond, 500 })
	b.ResetTimer()
	stop := h.run(w)
	tick := time.NewTicker(5 * time.Millisecond)
	for w.Stats().Read < int64(b.N) {
		<-tick.C
	}
	elapsed := b.Elapsed()
	stop()
	tick.Stop()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(w.Stats().Watched), "watched")
}
