package website

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/schemas"
)

// lookup is one Lookup call: the domain, where its site answers, what
// its pages said so far, the pages it may not read and how many requests
// it made.
type lookup struct {
	c        *Client
	host     string
	req      *schemas.CompanyRequest
	deadline time.Time
	origin   origin
	site     *originState
	calls    int32
	facts    facts
	unread   unread
}

// run finds the site, then reads the pages in order until one names
// people. A failure on the first page read is the lookup's; after
// something was found, a failing page ends the reading and what was found
// is kept. A page robots.txt disallows, or that its Crawl-delay leaves no
// time for, is never requested and is no failure: the result says why.
func (l *lookup) run(ctx context.Context) (*schemas.DiscoveryResult, error) {
	if err := l.locate(ctx); err != nil {
		return l.unlocated(err)
	}
	for _, path := range l.c.cfg.Pages {
		page, err := l.read(ctx, path)
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

// read fetches one page if robots.txt allows it and there is time to wait
// out the Crawl-delay; else it notes why not and returns nil.
func (l *lookup) read(ctx context.Context, path string) (*ssrf.Page, error) {
	switch {
	case !l.site.policy.allows(path):
		l.unread.disallowed = append(l.unread.disallowed, path)
		return nil, nil
	case l.unread.late != nil:
		l.unread.late = append(l.unread.late, path)
		return nil, nil
	}
	now := l.c.clock.Now()
	at, ok := l.site.reserve(now, l.deadline)
	if !ok {
		l.unread.late = append(l.unread.late, path)
		return nil, nil
	}
	if err := l.c.clock.Sleep(ctx, at.Sub(now)); err != nil {
		return nil, fmt.Errorf("wait out the crawl-delay of %s: %w", l.origin, err)
	}
	return l.get(ctx, path)
}

// get fetches one page of the site; a page that is missing or not HTML is
// nil, not an error.
func (l *lookup) get(ctx context.Context, path string) (*ssrf.Page, error) {
	u := l.origin.url(path)
	page, err := l.fetch(ctx, u, l.c.pageHeader)
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

// fetch makes one request of the lookup, counted.
func (l *lookup) fetch(ctx context.Context, u *url.URL, header http.Header) (*ssrf.Page, error) {
	l.calls++
	return l.c.fetch.Get(ctx, u, header)
}

// isHTML accepts an HTML page, or one whose server did not say.
func isHTML(contentType string) bool {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	return ct == "" || ct == "text/html" || ct == "application/xhtml+xml"
}

// unlocated turns a site found nowhere into the lookup's outcome: a
// domain none of whose hosts exists (no name, no server) has no site, a
// NOT_FOUND result; anything else is a classified error.
func (l *lookup) unlocated(err error) (*schemas.DiscoveryResult, error) {
	var n *nowhere
	if errors.As(err, &n) && n.absent() {
		res := l.notFound()
		res.Notes = append(res.Notes, "domain "+l.host+": "+n.Error())
		return res, nil
	}
	return nil, classifyFetch(err)
}

// failed turns the failure of the first page into the lookup's outcome:
// a domain that stopped resolving since its robots.txt was read is a
// NOT_FOUND result, anything else a classified error.
func (l *lookup) failed(err error) (*schemas.DiscoveryResult, error) {
	if isNoSuchHost(err) {
		res := l.notFound()
		res.Notes = append(res.Notes, "domain "+l.host+" does not resolve")
		return res, nil
	}
	return nil, classifyFetch(err)
}

// result is what the pages said. When robots.txt or its Crawl-delay kept
// pages unread, the notes say so: no failure, but the reason the site gave
// fewer people, or none.
func (l *lookup) result() *schemas.DiscoveryResult {
	if l.facts.empty() {
		return l.notFound()
	}
	ev := l.evidence()
	res := &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusOK, Layer: schemas.LayerPrimary,
		Executives: executives(l.facts.people, ev), Company: l.facts.company(l.host),
		Confidence: ev.result(), APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
		Notes: l.unreadNotes(),
	}
	return res
}

// notFound is a site that names nobody. Its confidence is the share of
// the pages that was read: 1 for a site read in full, 0 for one whose
// robots.txt disallows everything.
func (l *lookup) notFound() *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: 1 - l.unread.share(len(l.c.cfg.Pages)),
		APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
		Notes: l.unreadNotes(),
	}
}

// unreadNotes say why pages went unread, if any did.
func (l *lookup) unreadNotes() []string {
	if l.site == nil {
		return nil
	}
	return l.unread.reasons(l.origin, l.site.policy.delay, l.c.cfg.Timeout)
}

// noDomain is the result for a request without a domain: nothing to read,
// so nothing is known.
func noDomain() *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Notes: []string{"request has no domain"},
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
