package website

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/schemas"
)

// lookup is one Lookup call: the site's host, what its pages said so far
// and how many pages it fetched.
type lookup struct {
	c     *Client
	host  string
	req   *schemas.CompanyRequest
	calls int32
	facts facts
}

// run reads the pages in order until one names people. A failure on the
// first page read is the lookup's; after something was found, a failing
// page ends the reading and what was found is kept.
func (l *lookup) run(ctx context.Context) (*schemas.DiscoveryResult, error) {
	for _, path := range l.c.cfg.Pages {
		page, err := l.get(ctx, path)
		if err != nil {
			if l.facts.empty() {
				return l.failed(err)
			}
			break
		}
		if page != nil {
			l.facts.add(readPage(page.Body), page.URL.String())
		}
		if len(l.facts.people) > 0 {
			break
		}
	}
	return l.result(), nil
}

// get fetches one page of the site; a page that is missing or not HTML is
// nil, not an error.
func (l *lookup) get(ctx context.Context, path string) (*ssrf.Page, error) {
	l.calls++
	u := &url.URL{Scheme: "https", Host: l.host, Path: path}
	page, err := l.c.fetch.Get(ctx, u, requestHeader)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", u, err)
	}
	switch {
	case page.Status == http.StatusNotFound || page.Status == http.StatusGone:
		return nil, nil
	case page.Status < 200 || page.Status > 299:
		return nil, statusError(u, page)
	case !isHTML(page.Header.Get("Content-Type")):
		return nil, nil
	}
	return page, nil
}

// isHTML accepts an HTML page, or one whose server did not say.
func isHTML(contentType string) bool {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	return ct == "" || ct == "text/html" || ct == "application/xhtml+xml"
}

// failed turns the failure of the first page into the lookup's outcome:
// a domain that does not resolve is a NOT_FOUND result, anything else a
// classified error.
func (l *lookup) failed(err error) (*schemas.DiscoveryResult, error) {
	if isNoSuchHost(err) {
		res := l.notFound()
		res.Error = optional("domain " + l.host + " does not resolve")
		return res, nil
	}
	return nil, classifyFetch(err)
}

func (l *lookup) result() *schemas.DiscoveryResult {
	if l.facts.empty() {
		return l.notFound()
	}
	ev := l.evidence()
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Executives: executives(l.facts.people, ev), Company: l.facts.company(l.host),
		Confidence: ev.result(), APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
}

// notFound is a site read in full that names nobody: sure of absence.
func (l *lookup) notFound() *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: 1,
		APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
}

// noDomain is the result for a request without a domain: nothing to read,
// so nothing is known.
func noDomain() *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Error: optional("request has no domain"),
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
