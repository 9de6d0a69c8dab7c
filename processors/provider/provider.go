// Package provider is the contract between leadgen and a data source: the
// two-method Provider interface every API client implements, and the Spec
// each provider package exports to say everything else about itself
// (credentials, base URL, quota, cost, evidence weight, constructor).
//
// It is a leaf: it imports the record types and nothing that runs Kafka,
// Redis or metrics, so API clients, the circuit breaker, the cache and the
// rate limiter can all depend on it. The Kafka worker that runs a
// Provider is processors/worker; the list of every Spec is
// processors/registry, imported only by the wiring at the top.
package provider

import (
	"context"

	"github.com/leadgen/leadgen/schemas"
)

// Provider looks up one company at one data source.
//
// Lookup returns a result with Status OK or NOT_FOUND, Layer, Executives,
// Company, Confidence, APICalls, CostUSD and FromCache filled in; the runner
// fills the request fields, FetchedAt and the measured LatencyMs. A failure
// is returned as an error, classified with the failure package so routing
// can decide what to do; Lookup must honour ctx's deadline.
type Provider interface {
	Name() string
	Lookup(ctx context.Context, req *schemas.CompanyRequest) (*schemas.DiscoveryResult, error)
}
