package facebook

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/profilematch"
	"github.com/leadgen/leadgen/schemas"
)

// pageFields are the Page fields read.
const pageFields = "name,about,website,emails,phone,single_line_address,location,category,link,username,fan_count,followers_count,verification_status"

// searchLimit bounds the Pages a search returns.
const searchLimit = "10"

// lookup is one Lookup call.
type lookup struct {
	c     *Client
	req   *schemas.CompanyRequest
	calls int32
	best  float64
}

// search finds the Page whose name is most like the company's.
func (l *lookup) search(ctx context.Context) (string, bool, error) {
	name := strings.TrimSpace(l.req.CompanyName)
	if name == "" {
		return "", false, failure.New(failure.Permanent, errors.New("request has no company name"))
	}
	l.calls++
	var sp searchPage
	q := url.Values{"q": {name}, "fields": {"id,name,location,link"}, "limit": {searchLimit}}
	if err := l.c.get(ctx, "/pages/search", q, &sp); err != nil {
		return "", false, fmt.Errorf("search pages for %q: %w", name, err)
	}
	want, id := companyname.Normalize(name), ""
	for _, p := range sp.Data {
		if s := companyname.Similarity(want, companyname.Normalize(p.Name)); s > l.best {
			l.best, id = s, p.ID
		}
	}
	return id, id != "" && l.best >= l.c.cfg.MatchThreshold, nil
}

// page reads the Page's fields; a Page gone since the search is none.
func (l *lookup) page(ctx context.Context, id string) (*page, error) {
	l.calls++
	var p page
	if err := l.c.get(ctx, "/"+url.PathEscape(id), url.Values{"fields": {pageFields}}, &p); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return nil, nil
		}
		return nil, fmt.Errorf("read page %s: %w", id, err)
	}
	return &p, nil
}

func (l *lookup) result(p *page) *schemas.DiscoveryResult {
	res := &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: 1 - l.best,
		APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
	if ev := l.weigh(p); p != nil && !ev.OtherSite {
		res.Status, res.Confidence, res.Company = schemas.StatusOK, weights.Confidence(ev), profile(p)
	}
	return res
}

// weigh gathers the evidence that p is the company's Page; none for no
// Page.
func (l *lookup) weigh(p *page) profilematch.Evidence {
	if p == nil {
		return profilematch.Evidence{}
	}
	ev := profilematch.Evidence{Name: companyname.Similarity(companyname.Normalize(l.req.CompanyName), companyname.Normalize(p.Name)), Verified: p.verified()}
	if l.req.Domain != nil && len(p.websites()) > 0 {
		ev.Site = profilematch.OnSite(profilematch.Host(l.req), p.websites()...)
		ev.OtherSite = !ev.Site
	}
	return ev
}

func profile(p *page) *schemas.CompanyProfile {
	out := &schemas.CompanyProfile{Name: p.Name}
	if ws := p.websites(); len(ws) > 0 {
		out.Website = &ws[0]
	}
	if a := p.address(); a != "" {
		out.Address = &a
	}
	return out
}
