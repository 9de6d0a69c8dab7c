package x

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/profilematch"
	"github.com/leadgen/leadgen/schemas"
)

// userFields are the user fields asked for: what the evidence and the
// profile need.
const userFields = "name,username,description,url,entities,verified,verified_type,public_metrics,created_at"

// searchPageSize is the smallest page recent search allows.
const searchPageSize = 10

// lookup is one Lookup call: what it read and what it chose.
type lookup struct {
	c            *Client
	req          *schemas.CompanyRequest
	calls        int32
	users, posts int
	pick         profilematch.Choice[user]
}

// lookupHandles asks for every candidate handle at once; handles that do
// not exist come back as errors beside the data, or as a 200 with only
// errors when none does.
func (l *lookup) lookupHandles(ctx context.Context) error {
	handles := candidates(l.req)
	if len(handles) == 0 {
		return nil
	}
	l.calls++
	var page usersPage
	q := url.Values{"usernames": {strings.Join(handles, ",")}, "user.fields": {userFields}}
	if err := l.c.get(ctx, "/2/users/by", q, &page); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return nil
		}
		return fmt.Errorf("look up handles %s: %w", strings.Join(handles, ","), err)
	}
	l.users += len(page.Data)
	for _, u := range page.Data {
		l.pick.Consider(u, weigh(u, l.req), l.c.cfg.MatchThreshold, weights)
	}
	return nil
}

// search looks for recent posts linking to the company's site and weighs
// their authors.
func (l *lookup) search(ctx context.Context) error {
	l.calls++
	var page searchPage
	q := url.Values{
		"query":        {`url:"` + profilematch.Host(l.req) + `" -is:retweet`},
		"max_results":  {strconv.Itoa(searchPageSize)},
		"expansions":   {"author_id"},
		"tweet.fields": {"author_id,created_at"},
		"user.fields":  {userFields},
	}
	if err := l.c.get(ctx, "/2/tweets/search/recent", q, &page); err != nil {
		if failure.ClassOf(err) == failure.NotFound {
			return nil
		}
		return fmt.Errorf("search posts linking to %s: %w", profilematch.Host(l.req), err)
	}
	l.posts += len(page.Data)
	l.users += len(page.Includes.Users)
	for _, u := range page.Includes.Users {
		l.pick.Consider(u, weigh(u, l.req), l.c.cfg.MatchThreshold, weights)
	}
	return nil
}

func (l *lookup) cost() float64 {
	return float64(l.users)*l.c.cfg.CostPerUserRead + float64(l.posts)*l.c.cfg.CostPerPostRead
}

func (l *lookup) result() *schemas.DiscoveryResult {
	res := &schemas.DiscoveryResult{
		Provider: ProviderName, Status: schemas.StatusNotFound, Layer: schemas.LayerPrimary,
		Executives: []schemas.Executive{}, Confidence: 1 - l.pick.BestName,
		APICalls: l.calls, CostUSD: l.cost(),
	}
	if l.pick.Found {
		res.Status, res.Confidence, res.Company = schemas.StatusOK, weights.Confidence(l.pick.Evidence), profile(l.pick.Profile)
	}
	return res
}

// profile is the account as company facts: its display name and website.
func profile(u user) *schemas.CompanyProfile {
	p := &schemas.CompanyProfile{Name: u.Name}
	if w := u.website(); w != "" {
		p.Website = &w
	}
	return p
}
