package pipeline

import (
	"context"

	"github.com/leadgen/leadgen/internal/kclient"
)

// addInfraChecks registers the broker and Redis readiness checks. Redis
// unreachable is ready but degraded: leadgen works on without it.
func addInfraChecks(cfg Config) {
	cfg.Health.AddCheck("kafka", func(ctx context.Context) (bool, string) {
		cl, err := kclient.New(cfg.Kafka)
		if err != nil {
			return false, err.Error()
		}
		defer cl.Close()
		if err := cl.Ping(ctx); err != nil {
			return false, "broker unreachable: " + err.Error()
		}
		return true, ""
	})
	cfg.Health.AddCheck("redis", func(ctx context.Context) (bool, string) {
		if cfg.Redis == nil {
			return true, "not configured: cache and rate limits in-process"
		}
		if err := cfg.Redis.Ping(ctx).Err(); err != nil {
			return true, "degraded: Redis unreachable, running without it"
		}
		return true, ""
	})
}
