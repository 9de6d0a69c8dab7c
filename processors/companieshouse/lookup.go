package companieshouse

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/registermatch"
	"github.com/leadgen/leadgen/schemas"
)

// The page sizes asked for. The API may cap them lower; the client pages
// until it has total_results items whatever the server's page size.
const (
	searchPageSize = 20
	listPageSize   = 100
	// maxListPages stops a server that never finishes a list.
	maxListPages = 100
)

// lookup is one Lookup call; it counts the HTTP calls it makes.
type lookup struct {
	c     *Client
	calls atomic.Int32
}

func (l *lookup) get(ctx context.Context, path string, query url.Values, out any) error {
	l.calls.Add(1)
	return l.c.get(ctx, path, query, out)
}

// Search searches the register for name: first the fresh bulk snapshot,
// for companies of the name written another way (case, punctuation, Ltd
// or Limited), then the API.
func (l *lookup) Search(ctx context.Context, name string) ([]registermatch.Hit, error) {
	if items, ok := l.bulkSearch(ctx, name); ok {
		return hitsOf(items), nil
	}
	var page searchPage
	q := url.Values{"q": {name}, "items_per_page": {strconv.Itoa(searchPageSize)}}
	if err := l.get(ctx, "/search/companies", q, &page); err != nil {
		return nil, err
	}
	return hitsOf(page.Items), nil
}

// Fetch reads the profile, then the officers and PSCs of the matched
// company. The two lists are independent, so they are fetched at once: a
// lookup costs two round trips, not three. The profile comes first so an
// unknown company costs one call of the quota, not three. A profile or
// PSC list a fresh bulk snapshot holds (Config.Bulk) costs no call: with
// both imported, a lookup by number makes only the officers call.
func (l *lookup) Fetch(ctx context.Context, m match) (*schemas.DiscoveryResult, error) {
	base := "/company/" + url.PathEscape(m.Number)
	p, found, err := l.profile(ctx, m.Number, base)
	if err != nil {
		return nil, err
	}
	if !found {
		return l.NotFound(0), nil
	}
	officers, pscs, err := l.people(ctx, m.Number, base)
	if err != nil {
		return nil, err
	}
	return l.found(m, p, persons(officers, pscs)), nil
}

// profile reads the company's profile from the bulk snapshot, else from
// the API; found is false for a company the API does not know.
func (l *lookup) profile(ctx context.Context, number, base string) (p profile, found bool, err error) {
	if p, ok := l.bulkProfile(ctx, number); ok {
		return p, true, nil
	}
	if err := l.get(ctx, base, nil, &p); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return p, false, nil
		}
		return p, false, fmt.Errorf("fetch profile for %s: %w", number, err)
	}
	if p.CompanyNumber == "" {
		return p, false, failure.New(failure.BadResponse, fmt.Errorf("fetch profile for %s: body has no company_number", number))
	}
	return p, true, nil
}

// people reads the officers and, unless the bulk snapshot has them, the
// PSCs, both at once.
func (l *lookup) people(ctx context.Context, number, base string) (officers []officer, pscs []psc, err error) {
	pscs, bulk := l.bulkPSCs(ctx, number)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		if officers, err = fetchList[officer](gctx, l, base+"/officers"); err != nil {
			return fmt.Errorf("fetch officers for %s: %w", number, err)
		}
		return nil
	})
	if !bulk {
		g.Go(func() (err error) {
			if pscs, err = fetchList[psc](gctx, l, base+"/persons-with-significant-control"); err != nil {
				return fmt.Errorf("fetch persons with significant control for %s: %w", number, err)
			}
			return nil
		})
	}
	return officers, pscs, g.Wait()
}

// fetchList pages through an officer or PSC list. A 404 on the first page
// means the company has no such list, which is an empty one.
func fetchList[T any](ctx context.Context, l *lookup, path string) ([]T, error) {
	var all []T
	for range maxListPages {
		var page listPage[T]
		q := url.Values{"items_per_page": {strconv.Itoa(listPageSize)}, "start_index": {strconv.Itoa(len(all))}}
		if err := l.get(ctx, path, q, &page); err != nil {
			if len(all) == 0 && failure.ClassOf(err) == failure.NotFound {
				return nil, nil
			}
			return nil, err
		}
		all = append(all, page.Items...)
		if len(page.Items) == 0 || len(all) >= page.TotalResults {
			return all, nil
		}
	}
	return nil, failure.New(failure.BadResponse, fmt.Errorf("get %s: list did not end after %d pages", path, maxListPages))
}

func (l *lookup) found(m match, p profile, ps []person) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Executives: registermatch.Executives(m.Score, ps), Company: companyProfile(p),
		Confidence: registermatch.Confidence(m.Score, ps),
		APICalls:   l.calls.Load(), CostUSD: float64(l.calls.Load()) * l.c.cfg.CostPerCall,
	}
}

func (l *lookup) NotFound(bestScore float64) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: registermatch.NotFound(bestScore),
		APICalls: l.calls.Load(), CostUSD: float64(l.calls.Load()) * l.c.cfg.CostPerCall,
	}
}

func companyProfile(p profile) *schemas.CompanyProfile {
	return &schemas.CompanyProfile{
		Name: p.CompanyName, Number: optional(p.CompanyNumber), Status: optional(p.CompanyStatus),
		Type: optional(p.Type), IncorporatedOn: optional(p.DateOfCreation),
		Address: optional(p.RegisteredOfficeAddress.oneLine()), SICCodes: p.SICCodes,
	}
}

// oneLine joins the address parts that are present: "10 High Street,
// London, EC1A 1BB, United Kingdom".
func (a address) oneLine() string {
	parts := []string{a.CareOf, a.POBox, strings.TrimSpace(a.Premises + " " + a.AddressLine1),
		a.AddressLine2, a.Locality, a.Region, a.PostalCode, a.Country}
	kept := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}
