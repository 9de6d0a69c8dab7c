package main

import (
	"testing"

	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/processors/aggregator"
)

func TestAnAggregatorOnlyProcessGetsTheDefaultMemoryLimitAndOthersNone(t *testing.T) {
	auto := &runFlags{memoryLimit: -1}
	if got := auto.memoryLimitFor([]string{pipeline.RoleAggregator}); got != aggregator.DefaultMemoryLimit {
		t.Errorf("aggregator alone: %d, want %d", got, aggregator.DefaultMemoryLimit)
	}
	if got := auto.memoryLimitFor([]string{"companies_house", pipeline.RoleAggregator}); got != 0 {
		t.Errorf("aggregator and a provider: %d, want none (0)", got)
	}
	set := &runFlags{memoryLimit: 512 << 20}
	if got := set.memoryLimitFor([]string{pipeline.RoleAggregator}); got != 512<<20 {
		t.Errorf("--memory-limit-bytes 512 MiB: %d", got)
	}
}
