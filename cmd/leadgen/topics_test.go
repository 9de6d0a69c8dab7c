package main

import (
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
