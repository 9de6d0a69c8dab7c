package people

import (
	"net/url"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/seniority"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// levelOf is the seniority and function of a group from every mention's
// role, most official first (see seniority.Best); nil for unknown.
func levelOf(group []entry) (level, function *string) {
	roles := make([]string, len(group))
	for i, e := range group {
		roles[i] = e.exec.Role
	}
	l, f := seniority.Best(roles...)
	return nonEmpty(string(l)), nonEmpty(string(f))
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// profileURLs gives one address per source, the first http or https
// reference the source gave in canonical order, ordered by source.
func profileURLs(group []entry) []schemas.ProfileURL {
	var out []schemas.ProfileURL
	for _, e := range group {
		taken := slices.ContainsFunc(out, func(p schemas.ProfileURL) bool { return p.Source == e.source })
		if !taken && isWebURL(e.m.ref) {
			out = append(out, schemas.ProfileURL{Source: e.source, URL: e.m.ref})
		}
	}
	slices.SortFunc(out, func(a, b schemas.ProfileURL) int { return strings.Compare(a.Source, b.Source) })
	return out
}

// isWebURL accepts an absolute http or https URL with a host; an officer
// id or an API path ("/officers/abc/appointments") is not one.
func isWebURL(ref string) bool {
	u, err := url.Parse(ref)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// isDetail reports whether source only adds detail about people other
// sources name (provider.Detail): its mentions are not people of their
// own.
func isDetail(sources provider.Sources, name string) bool {
	ev, ok := sources.Of(name)
	return ok && ev.Kind == provider.Detail
}

// addDirectorships sets OtherDirectorships on the people a detail source
// (the Companies House appointments provider) counted them for, matched
// by the reference both give: the officer's appointments link. A person
// no detail source counted keeps nil, unknown.
func addDirectorships(people []schemas.Executive, results []*schemas.DiscoveryResult, sources provider.Sources) {
	counts := map[string]int32{}
	for _, r := range results {
		if r == nil || r.Status == schemas.StatusFailed || !isDetail(sources, r.Provider) {
			continue
		}
		for _, e := range r.Executives {
			if e.SourceRef != nil && e.OtherDirectorships != nil {
				counts[*e.SourceRef] = *e.OtherDirectorships
			}
		}
	}
	for i := range people {
		for _, ref := range people[i].SourceRefs {
			if n, ok := counts[ref]; ok {
				people[i].OtherDirectorships = &n
				break
			}
		}
	}
}
