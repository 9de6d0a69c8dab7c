// Package registry lists every data source leadgen has, as the Spec each
// provider package exports. Adding a provider is its package, its sandbox
// routes and one line here.
//
// Layering: the Spec type and the Provider interface live in the leaf
// processors/provider; each provider package (which may import
// internal/people) exports its Spec; this package imports them all, so
// only the wiring at the top imports it (internal/pipeline, cmd/leadgen,
// the aggregator, internal/bench, and topics, whose Providers the
// request checks and the dead-letter tools read). Packages the providers
// themselves import get what they need from here as data: internal/people
// and internal/score get Sources through the aggregator.
package registry

import (
	"slices"

	"github.com/leadgen/leadgen/processors/chappointments"
	"github.com/leadgen/leadgen/processors/chinsolvency"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/facebook"
	"github.com/leadgen/leadgen/processors/linkedin"
	"github.com/leadgen/leadgen/processors/opencorporates"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/processors/website"
	"github.com/leadgen/leadgen/processors/x"
)

// specs are every source, in the order the providers are listed to
// operators (flags, topics, docs); secondary-only sources last.
var specs = []provider.Spec{
	companieshouse.Spec,
	x.Spec,
	linkedin.Spec,
	facebook.Spec,
	website.Spec,
	chappointments.Spec,
	chinsolvency.Spec,
	opencorporates.Spec,
}

// All returns every Spec, providers and secondary sources.
func All() []provider.Spec { return slices.Clone(specs) }

// Lookup returns the named source's Spec.
func Lookup(name string) (provider.Spec, bool) {
	i := slices.IndexFunc(specs, func(s provider.Spec) bool { return s.Name == name })
	if i < 0 {
		return provider.Spec{}, false
	}
	return specs[i], true
}

// Providers names the providers that run as roles, in listing order:
// every source but the secondary-only ones.
func Providers() []string {
	var out []string
	for _, s := range specs {
		if !s.SecondaryOnly {
			out = append(out, s.Name)
		}
	}
	return out
}

// Defaults names the providers enabled when LEADGEN_PROVIDERS is unset:
// every provider but the opt-in ones.
func Defaults() []string {
	var out []string
	for _, s := range specs {
		if !s.SecondaryOnly && !s.OptIn {
			out = append(out, s.Name)
		}
	}
	return out
}

// Sources is the evidence of every source, most official first, for
// internal/people and internal/score.
func Sources() provider.Sources {
	out := make(provider.Sources, len(specs))
	for i, s := range specs {
		out[i] = provider.Source{Name: s.Name, Evidence: s.Evidence}
	}
	slices.SortStableFunc(out, func(a, b provider.Source) int { return a.Rank - b.Rank })
	return out
}
