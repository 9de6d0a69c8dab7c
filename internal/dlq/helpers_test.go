package dlq

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

var (
	names = topics.Names{}
	t0    = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
)

// dead describes a dead letter as a provider would have written it.
type dead struct {
	provider  string
	class     failure.Class
	key       string
	value     []byte
	at        time.Time
	partition int32
}

func (d dead) record() *kgo.Record {
	src := &kgo.Record{Topic: names.Requests(), Partition: 2, Offset: 40, Key: []byte(d.key), Value: d.value,
		Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("trace-" + d.key)}}}
	out := route.Record(src, names.DLQ(), route.Failure{Provider: d.provider, Attempt: 4, Class: d.class,
		Err: errors.New(string(d.class) + " from " + d.provider)}, d.at)
	out.Partition = d.partition
	return out
}

// write writes recs to the partitions they name and returns them with
// their offsets.
func write(t *testing.T, opts []kgo.Opt, recs ...*kgo.Record) []*kgo.Record {
	t.Helper()
	cl, err := kgo.NewClient(append(slices.Clone(opts), kgo.RecordPartitioner(kgo.ManualPartitioner()))...)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return recs
}

func letters(t *testing.T, opts []kgo.Opt, ds ...dead) {
	t.Helper()
	recs := make([]*kgo.Record, len(ds))
	for i, d := range ds {
		recs[i] = d.record()
	}
	write(t, opts, recs...)
}

// request is an encoded CompanyRequest with id as request id.
func request(t *testing.T, id string) []byte {
	t.Helper()
	b, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: id, CompanyName: "ACME " + id, RequestedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// invalidRequest is a request whose name is one character over the limit.
func invalidRequest(t *testing.T) []byte {
	t.Helper()
	b, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: "long", CompanyName: strings.Repeat("n", 161), RequestedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readAll reads every letter of topic f matches, ordered by partition and
// offset.
func readAll(t *testing.T, opts []kgo.Opt, topic string, f Filter) []Letter {
	t.Helper()
	var out []Letter
	err := Read(context.Background(), opts, topic, f, func(l Letter) bool { out = append(out, l); return true })
	if err != nil {
		t.Fatal(err)
	}
	sortLetters(out)
	return out
}

func keys(ls []Letter) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = string(l.Key)
	}
	return out
}
