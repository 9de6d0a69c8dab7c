package status

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/ratelimit"
	"github.com/leadgen/leadgen/processors/fallback"
	"github.com/leadgen/leadgen/processors/retry"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

var names = topics.Names{}

// cluster is an embedded broker with the catalogue and a client that
// writes to the partitions records name.
type cluster struct {
	t  *testing.T
	cl *kgo.Client
}

func startCluster(t *testing.T) cluster {
	t.Helper()
	b, err := embedded.Start(context.Background(), embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Addrs()...), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return cluster{t, cl}
}

// produce writes n records with value v to one partition of topic.
func (c cluster) produce(topic string, partition int32, n int, v []byte) {
	c.t.Helper()
	var recs []*kgo.Record
	for range n {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: partition, Value: v})
	}
	if err := c.cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		c.t.Fatal(err)
	}
}

// commit commits offset for group on one partition of topic, as a
// stopped worker would have left it.
func (c cluster) commit(group, topic string, partition int32, offset int64) {
	c.t.Helper()
	var os kadm.Offsets
	os.AddOffset(topic, partition, offset, -1)
	resp, err := kadm.NewClient(c.cl).CommitOffsets(context.Background(), group, os)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		c.t.Fatal(err)
	}
}

// deleteBefore moves the log start of one partition of topic to offset,
// as retention would.
func (c cluster) deleteBefore(topic string, partition int32, offset int64) {
	c.t.Helper()
	var os kadm.Offsets
	os.AddOffset(topic, partition, offset, -1)
	resp, err := kadm.NewClient(c.cl).DeleteRecords(context.Background(), os)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		c.t.Fatal(err)
	}
}

// result writes a discovery result of p to partition 0 of the results
// topic.
func (c cluster) result(p string, calls int32, layer schemas.Layer, fromCache bool) {
	c.t.Helper()
	v, err := schemas.EncodeDiscoveryResult(&schemas.DiscoveryResult{RequestID: "r", Provider: p, Status: schemas.StatusOK,
		Layer: layer, APICalls: calls, FromCache: fromCache, FetchedAt: time.Now(), RequestedAt: time.Now()})
	if err != nil {
		c.t.Fatal(err)
	}
	c.produce(names.Results(), 0, 1, v)
}

// busyCluster holds, for companies_house, x, linkedin and website:
//
//   - company-requests: 4 records in partition 0, 6 in partition 1 whose
//     first 2 retention removed;
//   - companies_house committed partition 0 up to 3 (lag 1 + 4), has 2
//     retry records with 1 done in the 10s tier and 1 in the 1m tier, and
//     1 fallback record;
//   - x and linkedin never committed (lag 4 + 4);
//   - website committed to the end (no backlog);
//   - results: companies_house made 2 and 4 calls on its own API, 0 from
//     the cache and 7 through its secondary; x made 1.
func busyCluster(t *testing.T) cluster {
	c := startCluster(t)
	req := []byte("request")
	c.produce(names.Requests(), 0, 4, req)
	c.produce(names.Requests(), 1, 6, req)
	c.deleteBefore(names.Requests(), 1, 2)
	c.commit(worker.Group("", "companies_house"), names.Requests(), 0, 3)
	c.commit(worker.Group("", "website"), names.Requests(), 0, 4)
	c.commit(worker.Group("", "website"), names.Requests(), 1, 6)
	c.produce(names.Retry("companies_house", 10*time.Second), 0, 2, req)
	c.commit(retry.Group("", "companies_house"), names.Retry("companies_house", 10*time.Second), 0, 1)
	c.produce(names.Retry("companies_house", time.Minute), 3, 1, req)
	c.produce(names.Fallback("companies_house"), 5, 1, req)
	c.commit(fallback.Group("", "x"), names.Fallback("x"), 0, 0)
	c.result("companies_house", 2, schemas.LayerPrimary, false)
	c.result("companies_house", 0, schemas.LayerPrimary, true)
	c.result("companies_house", 7, schemas.LayerSecondary, false)
	c.result("x", 1, schemas.LayerPrimary, false)
	c.result("companies_house", 4, schemas.LayerPrimary, false)
	return c
}

var busyConfig = Config{
	Providers: []string{"companies_house", "x", "linkedin", "website"},
	Quotas: map[string]ratelimit.Quota{
		"companies_house": {Calls: 600, Period: 5 * time.Minute},
		"x":               {Calls: 30, Period: time.Minute},
		"website":         {Calls: 10, Period: time.Second},
	},
}

func TestCollectMeasuresEachProvidersBacklogQuotaAndCallsPerLead(t *testing.T) {
	c := busyCluster(t)
	rows, err := Collect(context.Background(), c.cl, busyConfig)
	if err != nil {
		t.Fatal(err)
	}
	q := busyConfig.Quotas
	want := []Row{
		{Provider: "companies_house", InputLag: 5, RetryPending: 2, FallbackPending: 1, Quota: q["companies_house"], Sampled: 2, CallsPerLead: 3},
		{Provider: "x", InputLag: 8, Quota: q["x"], Sampled: 1, CallsPerLead: 1},
		{Provider: "linkedin", InputLag: 8},
		{Provider: "website", Quota: q["website"]},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], want[i])
		}
	}
}

func TestTheETAIsTheBacklogsCallsOverTheQuotasRate(t *testing.T) {
	ch := Row{InputLag: 5, RetryPending: 2, FallbackPending: 1, Quota: ratelimit.Quota{Calls: 600, Period: 5 * time.Minute}, Sampled: 2, CallsPerLead: 3}
	for _, tc := range []struct {
		name  string
		row   Row
		known bool
		eta   time.Duration
		text  string
	}{
		{"8 records of 3 calls at 2 calls/s take 12s", ch, true, 12 * time.Second, "12s"},
		{"no backlog takes no time, quota or not", Row{}, true, 0, "0s"},
		{"without a quota the ETA is unknown", Row{InputLag: 1, Sampled: 1, CallsPerLead: 1}, false, 0, "-"},
		{"without a calls sample the ETA is unknown", Row{InputLag: 1, Quota: ch.Quota}, false, 0, "-"},
		{"a part of a second rounds up in the table", Row{InputLag: 1, Quota: ch.Quota, Sampled: 1, CallsPerLead: 1}, true, 500 * time.Millisecond, "1s"},
		{"days are shown as days and hours", Row{InputLag: 1000, Quota: ratelimit.Quota{Calls: 500, Period: 24 * time.Hour}, Sampled: 1, CallsPerLead: 1},
			true, 48 * time.Hour, "2d0h"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eta, known := tc.row.ETA()
			if known != tc.known || eta != tc.eta || FormatETA(eta, known) != tc.text {
				t.Fatalf("ETA = %v, %v (%q); want %v, %v (%q)", eta, known, FormatETA(eta, known), tc.eta, tc.known, tc.text)
			}
		})
	}
}

func TestTheSampleReadsOnlyTheLatestResultsOfEachPartition(t *testing.T) {
	c := busyCluster(t)
	cfg := busyConfig
	cfg.Sample = 1
	rows, err := Collect(context.Background(), c.cl, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ch, x := rows[0], rows[1]; ch.Sampled != 1 || ch.CallsPerLead != 4 || x.Sampled != 0 {
		t.Fatalf("with a sample of 1 companies_house has %d results at %v calls and x %d; want its last result (4 calls) alone",
			ch.Sampled, ch.CallsPerLead, x.Sampled)
	}
}

func TestTheTableAndJSONShowTheSameStatus(t *testing.T) {
	c := busyCluster(t)
	rows, err := Collect(context.Background(), c.cl, busyConfig)
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := WriteTable(&table, rows); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"PROVIDER         INPUT  RETRY  FALLBACK  BACKLOG  QUOTA   CALLS/S  CALLS/LEAD  ETA  WAITING  OLDEST",
		"companies_house  5      2      1         8        600/5m  2        3.00        12s  0        -",
		"x                8      0      0         8        30/1m   0.5      1.00        16s  0        -",
		"linkedin         8      0      0         8        none    -        -           -    0        -",
		"website          0      0      0         0        10/1s   10       -           0s   0        -",
	} {
		if !strings.Contains(table.String(), w+"\n") {
			t.Errorf("table lacks %q:\n%s", w, table.String())
		}
	}
	var out bytes.Buffer
	if err := WriteJSON(&out, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var ch, li JSONRow
	if len(lines) != 4 || json.Unmarshal([]byte(lines[0]), &ch) != nil || json.Unmarshal([]byte(lines[2]), &li) != nil {
		t.Fatalf("JSON is not one object per provider per line:\n%s", out.String())
	}
	if ch.Backlog != 8 || ch.Quota == nil || ch.Quota.CallsPerSecond != 2 || ch.Quota.PeriodSeconds != 300 ||
		ch.CallsPerLead == nil || *ch.CallsPerLead != 3 || ch.ETASeconds == nil || *ch.ETASeconds != 12 {
		t.Errorf("companies_house as JSON: %s", lines[0])
	}
	if li.Quota != nil || li.CallsPerLead != nil || li.ETASeconds != nil {
		t.Errorf("linkedin's unknowns are not null: %s", lines[2])
	}
}

func TestAMissingRetryTopicNamesTheTopicAndTheFix(t *testing.T) {
	c := startCluster(t)
	cfg := Config{Providers: []string{"x"}, Tiers: []time.Duration{5 * time.Second}}
	_, err := Collect(context.Background(), c.cl, cfg)
	if err == nil || !strings.Contains(err.Error(), "company-requests.retry.x.5s") || !strings.Contains(err.Error(), "topics apply") {
		t.Fatalf("err = %v; want the missing topic and how to create it", err)
	}
}
