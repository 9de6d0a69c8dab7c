package worker

import (
	"slices"
	"sort"
)

// Expected resolves which providers must answer a request: the request's
// own list, limited to the enabled providers, or every enabled provider
// when the request names none. The result is sorted.
func Expected(requested, enabled []string) []string {
	var out []string
	if len(requested) == 0 {
		out = slices.Clone(enabled)
	} else {
		for _, p := range requested {
			if slices.Contains(enabled, p) && !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Designated is the provider whose worker speaks for every enabled
// provider about requests none of them can take: undecodable records and
// requests that name only disabled providers go to the dead-letter topic
// once, from this provider, rather than once per provider.
func Designated(enabled []string) string {
	if len(enabled) == 0 {
		return ""
	}
	return slices.Min(enabled)
}
