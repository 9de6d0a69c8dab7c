package companieshouse

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/companynumber"
)

// Bulk holds resources loaded from the Companies House bulk snapshots
// (see internal/chbulk), in the REST API's shapes. A lookup reads a
// company's profile and PSC list there before calling the API for them,
// and the companies a name names before searching; ok false (none, stale,
// or the store unreachable) means call the API.
type Bulk interface {
	Profile(ctx context.Context, number string) (profile json.RawMessage, ok bool)
	PSCs(ctx context.Context, number string) (pscs []json.RawMessage, ok bool)
	// Search returns the search results of the companies whose names
	// normalise to name's.
	Search(ctx context.Context, name string) (items []json.RawMessage, ok bool)
}

// bulkSearch reads the company of the name from the bulk snapshot's name
// index. It answers only when that is sure: one company of the name, or,
// where several normalise alike ("Foo Ltd" and "Foo LLP"), the one whose
// name is the request's but for case. Anything else is for the REST
// search, which ranks by more than the normalised name: a name that is a
// company number (the search matches numbers, the index only names), an
// item that does not decode.
func (l *lookup) bulkSearch(ctx context.Context, name string) ([]searchItem, bool) {
	if l.c.cfg.Bulk == nil {
		return nil, false
	}
	if _, isNumber := companynumber.Normalize(name); isNumber {
		return nil, false
	}
	raws, ok := l.c.cfg.Bulk.Search(ctx, name)
	if !ok {
		return nil, false
	}
	var exact []searchItem
	for _, raw := range raws {
		var it searchItem
		if json.Unmarshal(raw, &it) != nil || it.CompanyNumber == "" {
			return nil, false
		}
		if len(raws) == 1 || companyname.Fold(it.Title) == companyname.Fold(strings.TrimSpace(name)) {
			exact = append(exact, it)
		}
	}
	return exact, len(exact) == 1
}

// bulkProfile reads the company's profile from the bulk snapshot; a
// profile that does not decode is a miss, not a failure.
func (l *lookup) bulkProfile(ctx context.Context, number string) (profile, bool) {
	var p profile
	if l.c.cfg.Bulk == nil {
		return p, false
	}
	raw, ok := l.c.cfg.Bulk.Profile(ctx, number)
	if !ok || json.Unmarshal(raw, &p) != nil || p.CompanyNumber == "" {
		return profile{}, false
	}
	return p, true
}

// bulkPSCs reads the company's PSCs from the bulk snapshot.
func (l *lookup) bulkPSCs(ctx context.Context, number string) ([]psc, bool) {
	if l.c.cfg.Bulk == nil {
		return nil, false
	}
	raws, ok := l.c.cfg.Bulk.PSCs(ctx, number)
	if !ok {
		return nil, false
	}
	out := make([]psc, 0, len(raws))
	for _, raw := range raws {
		var p psc
		if json.Unmarshal(raw, &p) != nil {
			return nil, false
		}
		out = append(out, p)
	}
	return out, true
}
