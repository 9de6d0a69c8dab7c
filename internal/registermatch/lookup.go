package registermatch

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/schemas"
)

// Register is one lookup at a register or its mirror, as Lookup drives
// it; each counts its own calls into the result it returns.
type Register interface {
	// Search returns the companies a name search finds.
	Search(ctx context.Context, name string) ([]Hit, error)
	// Fetch reads the matched company and its people.
	Fetch(ctx context.Context, m Match) (*schemas.DiscoveryResult, error)
	// NotFound is the result of a request no company matched; best is the
	// best similarity seen, the evidence of absence.
	NotFound(best float64) *schemas.DiscoveryResult
}

// Lookup resolves req (see Resolve) and fetches the company it names. An
// unknown company is a NOT_FOUND result, not an error.
func Lookup(ctx context.Context, req *schemas.CompanyRequest, r Register, threshold float64) (*schemas.DiscoveryResult, error) {
	m, found, err := Resolve(ctx, req, r.Search, threshold)
	if err != nil {
		return nil, err
	}
	if !found {
		return r.NotFound(m.Score), nil
	}
	return r.Fetch(ctx, m)
}

// Resolve turns a request into a company number: the request's own,
// normalised, or the Best of the hits search finds for its name (a
// not_found search finds none). A number that is no registry number, or
// a request with neither, is permanent.
func Resolve(ctx context.Context, req *schemas.CompanyRequest, search func(context.Context, string) ([]Hit, error), threshold float64) (Match, bool, error) {
	if req.CompanyNumber != nil && strings.TrimSpace(*req.CompanyNumber) != "" {
		n, ok := companynumber.Normalize(*req.CompanyNumber)
		if !ok {
			return Match{}, false, failure.New(failure.Permanent, fmt.Errorf("company number %q is not a registry number", *req.CompanyNumber))
		}
		return Match{Number: n, Score: 1}, true, nil
	}
	name := strings.TrimSpace(req.CompanyName)
	if name == "" {
		return Match{}, false, failure.New(failure.Permanent, errors.New("request has neither a company name nor a number"))
	}
	hits, err := search(ctx, name)
	if failure.ClassOf(err) == failure.NotFound {
		return Match{}, false, nil
	}
	if err != nil {
		return Match{}, false, fmt.Errorf("search companies for %q: %w", name, err)
	}
	m, ok := Best(hits, name, threshold)
	return m, ok, nil
}
