package chstream

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

func TestAnEventIsDrawnFromItsTimepointAlone(t *testing.T) {
	c := Config{}
	c.setDefaults()
	for _, stream := range Streams {
		for tp := c.Start; tp < c.Start+30; tp++ {
			a, b := c.line(stream, tp), c.line(stream, tp)
			if !bytes.Equal(a, b) {
				t.Fatalf("%s at %d: two draws differ:\n%s%s", stream, tp, a, b)
			}
			var ev event
			if err := json.Unmarshal(a, &ev); err != nil || ev.Event.Timepoint != tp {
				t.Fatalf("%s at %d: %s (%v)", stream, tp, a, err)
			}
			number := strings.Split(strings.TrimPrefix(ev.ResourceURI, "/company/"), "/")[0]
			if _, inDataset := dataset.CompanyByNumber(number); inDataset != (tp%int64(c.DatasetEvery) == 0) {
				t.Errorf("%s at %d: company %s in the dataset: %v, want every %dth event only", stream, tp, number, inDataset, c.DatasetEvery)
			}
		}
	}
}

func serveStreams(t *testing.T, cfg Config) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	Mount(route.At(mux, nil), cfg, time.Now)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestTheStreamRefusesAnOldTimepointWith416AndANewOneServes(t *testing.T) {
	srv := serveStreams(t, Config{Start: 100, Events: 50, Retain: 10})
	for _, tc := range []struct {
		query string
		key   string
		want  int
	}{
		{"?timepoint=120", "k", http.StatusRequestedRangeNotSatisfiable}, // 140..149 are kept
		{"?timepoint=99", "k", http.StatusRequestedRangeNotSatisfiable},  // before the stream began
		{"?timepoint=x", "k", http.StatusBadRequest},
		{"?timepoint=145", "", http.StatusUnauthorized},
		{"?timepoint=145", "k", http.StatusOK},
	} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+Prefix+"/officers"+tc.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.key != "" {
			req.SetBasicAuth(tc.key, "")
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != tc.want {
			t.Errorf("%s key %q: %s, want %d", tc.query, tc.key, resp.Status, tc.want)
		}
		if resp.StatusCode == http.StatusOK {
			line, err := bufio.NewReader(resp.Body).ReadBytes('\n')
			if err != nil || !bytes.Contains(line, []byte(`"timepoint":145`)) {
				t.Errorf("first event %s (%v), want timepoint 145", line, err)
			}
		}
		resp.Body.Close()
	}
}
