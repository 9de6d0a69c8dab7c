package main

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestDLQBadInputGetsAOneLineUsageError(t *testing.T) {
	b := []string{"--brokers", "127.0.0.1:1"}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"an unknown error class is refused", []string{"dlq", "list", "--error-class", "flaky"}, `error class "flaky"`},
		{"an unknown provider is refused", []string{"dlq", "show", "--provider", "myspace"}, `provider "myspace"`},
		{"offsets without a partition are refused", []string{"dlq", "replay", "--from-offset", "3"}, "needs --partition"},
		{"a reversed offset range is refused", []string{"dlq", "show", "--partition", "0", "--from-offset", "5", "--to-offset", "4"}, "empty"},
		{"a since that is neither a time nor a duration is refused", []string{"dlq", "list", "--since", "yesterday"}, "--since"},
		{"a bad until is refused", []string{"dlq", "list", "--until", "2026-13-01"}, "--until"},
		{"since after until is refused", []string{"dlq", "list", "--since", "1h", "--until", "2h"}, "not before"},
		{"a negative limit is refused", []string{"dlq", "show", "--limit", "-1"}, "--limit"},
		{"an unknown output format is refused", []string{"dlq", "list", "--output", "xml"}, "table or json"},
		{"decreasing retry tiers are refused", []string{"dlq", "replay", "--retry-tiers", "1m,10s"}, "increase"},
		{"a non-numeric partition is refused", []string{"dlq", "list", "--partition", "first"}, "--partition"},
		{"dry run is only for replay", []string{"dlq", "list", "--dry-run"}, "unknown flag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, err := execute(t, append(tc.args, b...)...)
			if err == nil || code != 2 {
				t.Fatalf("err = %v, exit %d; want a usage error (exit 2)", err, code)
			}
			if msg := oneLine(err); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q does not say %q on one line", msg, tc.want)
			}
		})
	}
}

func TestDLQCommandsListShowAndReplayAgainstABroker(t *testing.T) {
	addr := dlqBroker(t)
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"list counts open letters by provider and class, undecodable input apart", []string{"dlq", "list"}, []string{
			"STATE", "PROVIDER", "open   companies_house  transient    2", "open   input            undecodable  1"}},
		{"list as json is one object per group", []string{"dlq", "list", "--output", "json"}, []string{
			`"state":"open","provider":"companies_house","error_class":"transient","count":2`}},
		{"show with a key filter shows that request and its headers", []string{"dlq", "show", "--key", "r1"}, []string{
			`"request_id":"r1"`, "leadgen.provider: companies_house", "trace: t1"}},
		{"show says why a value does not decode", []string{"dlq", "show", "--error-class", "undecodable"}, []string{
			"undecodable: bad_magic: "}},
		{"a dry run names the retry topic and produces nothing", []string{"dlq", "replay", "--dry-run"}, []string{
			"would replay partition 0 offset 0 key r1 to company-requests.retry.companies_house.10s (replay 1)",
			"offset 2: still undecodable (bad_magic), left in the dlq",
			"would replay 2, would skip 1 (still undecodable 1)"}},
		{"a replay to the first of custom tiers", []string{"dlq", "replay", "--key", "r2", "--retry-tiers", "10s,5m"}, []string{
			"replayed partition 0 offset 1 key r2 to company-requests.retry.companies_house.10s (replay 1)",
			"replayed 1, skipped 0\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := capture(t, append(tc.args, "--brokers", addr)...)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	out, err := capture(t, "dlq", "list", "--state", "all", "--output", "json", "--brokers", addr)
	states := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var g struct {
			State, Provider string
			Count           int
		}
		if json.Unmarshal([]byte(line), &g) == nil && g.Provider == "companies_house" {
			states[g.State] += g.Count
		}
	}
	if err != nil || states["open"] != 1 || states["replayed"] != 1 {
		t.Fatalf("after the replays the dlq lists %q (err %v), want r1 open and r2 replayed, both left in place", out, err)
	}
}

// dlqBroker starts a broker whose dlq holds two transient requests and one
// undecodable record, all in partition 0, and returns its address.
func dlqBroker(t *testing.T) string {
	t.Helper()
	addr, cl := testBroker(t)
	names := topics.Names{}
	var recs []*kgo.Record
	for i, id := range []string{"r1", "r2", "junk"} {
		value, class := []byte("not avro"), failure.Undecodable
		if id != "junk" {
			value, _ = schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: id, CompanyName: "ACME", RequestedAt: time.Now()})
			class = failure.Transient
		}
		src := &kgo.Record{Topic: names.Requests(), Offset: int64(i), Key: []byte(id), Value: value, Headers: []kgo.RecordHeader{{Key: "trace", Value: []byte("t" + id[1:])}}}
		recs = append(recs, route.Record(src, names.DLQ(), route.Failure{Provider: "companies_house", Attempt: 1, Class: class, Err: errors.New("boom")}, time.Now()))
	}
	if err := cl.ProduceSync(context.Background(), recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// testBroker starts an embedded broker and returns its address and a
// client that writes to the partition each record names, closed with the
// test.
func testBroker(t *testing.T) (string, *kgo.Client) {
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
	return b.Addrs()[0], cl
}

func TestDLQReplayAsJSONWritesOnlyItsSummaryOnStdout(t *testing.T) {
	addr := dlqBroker(t)
	out, err := capture(t, "dlq", "replay", "--dry-run", "--output", "json", "--brokers", addr)
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Replayed, Skipped int
		Undecodable       int    `json:"still_undecodable"`
		DryRun            bool   `json:"dry_run"`
		ReplayID          string `json:"replay_id"`
	}
	if strings.Count(out, "\n") != 1 || json.Unmarshal([]byte(out), &sum) != nil {
		t.Fatalf("stdout is not one JSON object:\n%s", out)
	}
	if sum.Replayed != 2 || sum.Skipped != 1 || sum.Undecodable != 1 || !sum.DryRun || sum.ReplayID == "" {
		t.Fatalf("summary %+v; want 2 would be replayed, 1 skipped as undecodable, a dry run with its replay id", sum)
	}
}

// capture runs the CLI in-process and returns what it printed.
func capture(t *testing.T, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	root.SetArgs(args)
	var out strings.Builder
	root.SetOut(&out)
	root.SetErr(new(strings.Builder))
	err := root.Execute()
	return out.String(), err
}
