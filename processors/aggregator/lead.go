package aggregator

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/internal/score"
	"github.com/leadgen/leadgen/processors/companieshouse"
	"github.com/leadgen/leadgen/processors/registry"
	"github.com/leadgen/leadgen/schemas"
)

// companiesHouse is the provider whose company profile names the lead.
const companiesHouse = companieshouse.ProviderName

// sources are the registry's evidence of every source, for merging
// people and scoring.
var sources = registry.Sources()

// buildLead merges an entry's results into a lead without version or time;
// the same results and erasures always build the same lead. An erased
// person is left out as the erasure judges them on this lead's key.
func buildLead(requestID string, e *entry, erased *erasure.Set) *schemas.EnrichedLead {
	results := e.results()
	lead := &schemas.EnrichedLead{RequestID: requestID, RequestedAt: results[0].RequestedAt}
	lead.CompanyName, lead.CompanyNumber, lead.CompanyStatus = companyOf(results[0], e)
	lead.LeadKey = leadKey(lead)
	lead.Executives = slices.DeleteFunc(people.Merge(results, sources), func(x schemas.Executive) bool {
		return erased.Erases(lead.LeadKey, x)
	})
	for _, r := range results {
		lead.CostUSD += r.CostUSD
		if answered(r) {
			lead.ProvidersOK = append(lead.ProvidersOK, r.Provider)
			lead.Notes = append(lead.Notes, notesOf(r)...)
		} else {
			lead.ProvidersFailed = append(lead.ProvidersFailed, r.Provider)
		}
	}
	lead.Complete = len(lead.ProvidersFailed) == 0
	in := score.Input{Executives: lead.Executives, Results: results, CompanyStatus: lead.CompanyStatus, Sources: sources}
	lead.LeadScore, lead.ScoreComponents = score.Compute(in)
	lead.ScoreExplanation = score.Explain(in, lead.ScoreComponents)
	return lead
}

// companyOf is the company an entry's lead names: Companies House's
// profile when it answered with one, else the company as requested, from
// first, the result of the first provider by name.
func companyOf(first *schemas.DiscoveryResult, e *entry) (name string, number, status *string) {
	name, number = first.CompanyName, first.CompanyNumber
	if ch := e.decoded[companiesHouse]; ch != nil && ch.Company != nil && ch.Status != schemas.StatusFailed {
		name, status = ch.Company.Name, ch.Company.Status
		if ch.Company.Number != nil {
			number = ch.Company.Number
		}
	}
	return name, number, status
}

// keyOf is the lead key and company number of the lead buildLead would
// build from e, without building it: the request stage routes a
// request's results by them.
func keyOf(e *entry) (key string, number *string) {
	first := e.decoded[slices.Min(slices.Collect(maps.Keys(e.decoded)))]
	l := &schemas.EnrichedLead{}
	l.CompanyName, l.CompanyNumber, _ = companyOf(first, e)
	return leadKey(l), l.CompanyNumber
}

// answered says whether a provider gave an answer a lead can rely on: a
// result, an honest "not found", or a fallback that found data.
func answered(r *schemas.DiscoveryResult) bool {
	switch r.Status {
	case schemas.StatusOK, schemas.StatusNotFound:
		return true
	case schemas.StatusFallback:
		return r.Layer != schemas.LayerNone
	}
	return false
}

// notesOf are a result's notes as the lead carries them.
func notesOf(r *schemas.DiscoveryResult) []schemas.LeadNote {
	out := make([]schemas.LeadNote, 0, len(r.Notes))
	for _, n := range r.Notes {
		out = append(out, schemas.LeadNote{Provider: r.Provider, Note: n})
	}
	return out
}

// leadKey is the company number when known, else the normalised name, so a
// second request for the same company replaces its lead on the compacted
// topic.
func leadKey(l *schemas.EnrichedLead) string {
	if l.CompanyNumber != nil && *l.CompanyNumber != "" {
		return strings.ToUpper(*l.CompanyNumber)
	}
	return "name:" + strings.ReplaceAll(companyname.Normalize(l.CompanyName), " ", "-")
}

// contentHash identifies what a lead says, leaving out its version and
// time, so a re-delivered or identical late result makes no new version.
// It also returns the lead so encoded, which is the lead's own encoding
// when it has no version or time yet.
func contentHash(l *schemas.EnrichedLead) (string, []byte, error) {
	c := *l
	c.Version, c.UpdatedAt = 0, time.Time{}
	b, err := schemas.EncodeEnrichedLead(&c)
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), b, nil
}
