// Package provider defines what a data provider is and runs one as a
// Kafka consumer group on company-requests.
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
