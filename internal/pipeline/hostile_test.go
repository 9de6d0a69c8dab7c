package pipeline

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/metrics"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/prometheus/client_golang/prometheus/testutil"
	kafka "github.com/segmentio/kafka-go"
)

// TestHostileCorpusKindsAreWhatTheySay checks the corpus itself, without
// a broker: each kind decodes, or fails to, and passes the input limits,
// or fails them, as its row says. A row that drifts from what it claims
// would make the broker test prove nothing.
func TestHostileCorpusKindsAreWhatTheySay(t *testing.T) {
	kinds := hostileKinds(t)
	if len(kinds) < 20 {
		t.Fatalf("the corpus has %d kinds, want at least 20", len(kinds))
	}
	for _, k := range kinds {
		t.Run(k.Name, func(t *testing.T) {
			if got, reason := verdict(k.Record); got != k.Class || !strings.Contains(reason, k.Reason) {
				t.Errorf("verdict %q (%s), want %q mentioning %q", got, reason, k.Class, k.Reason)
			}
			if k.Class != "" {
				return
			}
			req, _ := schemas.DecodeCompanyRequest(k.Record.Value)
			got := requestcheck.Anomalies(k.Record.Key, req, time.Now())
			if req.RequestID != k.RequestID || (k.Flag == "" && len(got) > 0) || (k.Flag != "" && (len(got) != 1 || got[0] != k.Flag)) {
				t.Errorf("request %s flagged %v, want %q for %s", req.RequestID, got, k.Flag, k.RequestID)
			}
		})
	}
}

// verdict is what the input worker makes of a record when only
// companies_house is enabled: a class and its reason, or "" for a request
// that is answered.
func verdict(m kafka.Message) (failure.Class, string) {
	req, err := schemas.DecodeCompanyRequest(m.Value)
	if err != nil {
		return failure.Undecodable, err.Error()
	}
	if err := requestcheck.Check(req); err != nil {
		return failure.Invalid, err.Error()
	}
	if len(worker.Expected(req.Providers, []string{ch})) == 0 {
		return failure.Permanent, "none of them enabled"
	}
	return "", ""
}

func TestHostileInputEndsInTheDeadLetterTopicOrALeadAndNeverStopsThePipeline(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1}) // no quota: this test is about input, not pacing
	cfg := e.config(ch, RoleAggregator)
	cfg.Metrics = metrics.New()
	e.start(cfg)
	kinds := hostileKinds(t)
	good, cos := requestsFor(len(kinds)/3+4, 900)
	e.produce(names.Requests(), interleave(t, kinds, good[:len(good)-4])...)
	e.request(good[len(good)-4:]...) // after every hostile record

	want := ids(good)
	var dead []hostile
	for _, k := range kinds {
		if k.Class == "" {
			want = append(want, k.RequestID)
		} else {
			dead = append(dead, k)
		}
	}
	leads := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(want))))
	e.waitCaughtUp(worker.Group("", ch), names.Requests())
	letters := e.readCommitted(names.DLQ(), atLeast(len(dead)))

	for i, r := range good {
		checkLead(t, leads[r.RequestID][0], cos[i])
	}
	checkAnswered(t, kinds, leads, cfg.Metrics)
	checkDeadLetters(t, dead, letters)
	if vs := leads["hostile-dead"]; len(vs) > 0 {
		t.Errorf("a dead-lettered request got a lead: %+v", vs[0])
	}
}

// interleave puts a good request after every third hostile record.
func interleave(t *testing.T, kinds []hostile, good []*schemas.CompanyRequest) []kafka.Message {
	var out []kafka.Message
	for i, k := range kinds {
		out = append(out, k.Record)
		if g := i / 3; i%3 == 2 && g < len(good) {
			out = append(out, kafka.Message{Key: []byte(good[g].RequestID), Value: encode(t, good[g])})
		}
	}
	return out
}

// checkAnswered asserts every answered kind got a complete lead and every
// flag was counted once per kind that carries it.
func checkAnswered(t *testing.T, kinds []hostile, leads map[string][]*schemas.EnrichedLead, m *metrics.Metrics) {
	t.Helper()
	flags := map[requestcheck.Anomaly]float64{requestcheck.KeyMismatch: 0, requestcheck.RequestedAtOutOfRange: 0}
	for _, k := range kinds {
		if k.Class != "" {
			continue
		}
		if vs := leads[k.RequestID]; len(vs) != 1 || !vs[0].Complete {
			t.Errorf("%s: %d lead versions, want one complete lead", k.Name, len(vs))
		}
		if k.Flag != "" {
			flags[k.Flag]++
		}
	}
	for kind, n := range flags {
		if got := testutil.ToFloat64(m.RequestAnomalies.WithLabelValues(string(kind))); got != n {
			t.Errorf("leadgen_request_anomalies_total{kind=%q} = %v, want %v", kind, got, n)
		}
	}
}

// checkDeadLetters asserts each dead kind is in the dead-letter topic
// exactly once, untouched, with its class, its reason and a true origin.
func checkDeadLetters(t *testing.T, dead []hostile, letters []kafka.Message) {
	t.Helper()
	byKey := map[string][]kafka.Message{}
	for _, m := range letters {
		byKey[string(m.Key)] = append(byKey[string(m.Key)], m)
	}
	for _, k := range dead {
		got := byKey[string(k.Record.Key)]
		if len(got) != 1 {
			t.Errorf("%s: %d dead letters, want exactly 1", k.Name, len(got))
			continue
		}
		if err := letterSays(got[0], k); err != nil {
			t.Errorf("%s: %v", k.Name, err)
		}
	}
	if len(letters) != len(dead) {
		t.Errorf("the dead-letter topic holds %d records, want %d", len(letters), len(dead))
	}
}

// letterSays reports how a dead letter differs from what kind k must give.
func letterSays(m kafka.Message, k hostile) error {
	h, classes := headers(m), 0
	for _, x := range m.Headers {
		if x.Key == route.HeaderErrorClass {
			classes++
		}
	}
	switch {
	case !bytes.Equal(m.Value, k.Record.Value):
		return errors.New("the value was changed")
	case h[route.HeaderErrorClass] != string(k.Class) || classes != 1:
		return errors.New("class " + h[route.HeaderErrorClass] + ", want " + string(k.Class) + " once")
	case !strings.Contains(h[route.HeaderErrorMessage], k.Reason):
		return errors.New("message " + h[route.HeaderErrorMessage] + " does not say " + k.Reason)
	case h[route.HeaderOriginalTopic] != names.Requests():
		return errors.New("origin " + h[route.HeaderOriginalTopic] + ", want " + names.Requests())
	case foreign(m.Headers) != foreign(k.Record.Headers):
		return errors.New("the producer's own headers were not all kept")
	}
	return nil
}

// foreign counts the headers that are not leadgen's: a producer's own,
// which travel with the record, where leadgen.* ones on an input record
// are dropped as forged.
func foreign(hs []kafka.Header) int {
	n := 0
	for _, h := range hs {
		if !strings.HasPrefix(h.Key, "leadgen.") {
			n++
		}
	}
	return n
}
