package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTopicsApplyReportsTheErasureBoundItChanges(t *testing.T) {
	addr, _ := testBroker(t)
	out, err := capture(t, "topics", "apply", "--brokers", addr, "--erasure-bound", "2h")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`changed   enriched-leads delete.retention.ms: "86400000" -> "7200000", max.compaction.lag.ms: "86400000" -> "7200000", segment.ms: "86400000" -> "7200000"`,
		`changed   discovery-results retention.ms: "172800000" -> "14400000", segment.ms: "86400000" -> "7200000"`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, err = capture(t, "topics", "apply", "--brokers", addr, "--erasure-bound", "2h")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains("\n"+out, "\nchanged") {
		t.Errorf("a second apply changed topics again:\n%s", out)
	}
}

func TestTopicsListShowsConfigsAsKeyValuesAndAsJSON(t *testing.T) {
	addr, _ := testBroker(t)
	out, err := capture(t, "topics", "list", "--brokers", addr)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "map[") || !strings.Contains(out, "cleanup.policy=compact,") {
		t.Errorf("the table's configs are not key=value pairs:\n%s", out)
	}
	if !strings.Contains(out, "\nenriched-leads ") || !strings.Contains(out, "  ok  ") {
		t.Errorf("the broker's own enriched-leads is not listed ok:\n%s", out)
	}
	out, err = capture(t, "topics", "list", "--brokers", addr, "--output", "json", "--topic-prefix", "staging.")
	if err != nil {
		t.Fatal(err)
	}
	type topic struct {
		Topic, State       string
		Partitions         int32
		ExistingPartitions int32 `json:"existing_partitions"`
		Configs            map[string]string
	}
	got := map[string]topic{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var tp topic
		if err := json.Unmarshal([]byte(line), &tp); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", line, err)
		}
		got[tp.Topic] = tp
	}
	leads := got["staging.enriched-leads"]
	if leads.State != "missing" || leads.Partitions == 0 || leads.Configs["cleanup.policy"] != "compact" {
		t.Fatalf("staging.enriched-leads in JSON: %+v; want missing (no such prefix applied), compacted", leads)
	}
}
