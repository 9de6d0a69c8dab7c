package linkedin

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/profilematch"
	"github.com/leadgen/leadgen/schemas"
)

// vanityForm is what a LinkedIn company vanity name looks like.
var vanityForm = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,99}$`)

// maxCandidates bounds the calls one lookup makes.
const maxCandidates = 3

// lookup is one Lookup call.
type lookup struct {
	c     *Client
	req   *schemas.CompanyRequest
	calls int32
	pick  profilematch.Choice[organization]
}

// run asks for each candidate vanity name until one is the company's.
func (l *lookup) run(ctx context.Context) error {
	for _, name := range vanityCandidates(l.req) {
		orgs, err := l.find(ctx, name)
		if err != nil {
			return err
		}
		for _, o := range orgs {
			l.pick.Consider(o, weigh(o, l.req), l.c.cfg.MatchThreshold, weights)
		}
		if l.pick.Found {
			return nil
		}
	}
	return nil
}

func (l *lookup) find(ctx context.Context, vanity string) ([]organization, error) {
	l.calls++
	var page finderPage
	q := url.Values{"q": {"vanityName"}, "vanityName": {vanity}}
	if err := l.c.get(ctx, "/rest/organizations", q, &page); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return nil, nil
		}
		return nil, fmt.Errorf("find organization %q: %w", vanity, err)
	}
	return page.Elements, nil
}

// vanityCandidates are the vanity names a company likely has, most likely
// first: its domain's first label ("acme-widgets"), its name without
// legal words hyphenated and squashed.
func vanityCandidates(req *schemas.CompanyRequest) []string {
	var out []string
	add := func(v string) {
		if vanityForm.MatchString(v) && !slices.Contains(out, v) && len(out) < maxCandidates {
			out = append(out, v)
		}
	}
	if req.Domain != nil {
		label, _, _ := strings.Cut(profilematch.Host(req), ".")
		add(label)
	}
	words := strings.Fields(companyname.Normalize(req.CompanyName))
	add(strings.Join(words, "-"))
	add(strings.Join(words, ""))
	return out
}

func (l *lookup) result() *schemas.DiscoveryResult {
	res := &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: 1 - l.pick.BestName,
		APICalls: l.calls, CostUSD: float64(l.calls) * l.c.cfg.CostPerCall,
	}
	if l.pick.Found {
		res.Status, res.Confidence, res.Company = schemas.StatusOK, weights.Confidence(l.pick.Evidence), profile(l.pick.Profile)
	}
	return res
}

func profile(o organization) *schemas.CompanyProfile {
	p := &schemas.CompanyProfile{Name: o.LocalizedName}
	if o.LocalizedWebsite != "" {
		p.Website = &o.LocalizedWebsite
	}
	if hq := o.headquarters(); hq != "" {
		p.Address = &hq
	}
	return p
}
