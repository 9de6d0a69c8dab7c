package website

import (
	"fmt"
	"strings"
	"time"
)

// unread are the pages a lookup did not request, and why: its robots.txt
// disallows them, or its Crawl-delay leaves no time for them within the
// lookup's limit (late, non-nil once the first page is late).
type unread struct {
	disallowed []string
	late       []string
}

// share is the part of pages pages that went unread.
func (u unread) share(pages int) float64 {
	if pages == 0 {
		return 0
	}
	return float64(len(u.disallowed)+len(u.late)) / float64(pages)
}

// reasons say why pages went unread, none when all were read: "robots.txt
// of https://acme.example disallows /team, /leadership for leadgen".
func (u unread) reasons(o origin, delay, limit time.Duration) []string {
	var parts []string
	if len(u.disallowed) > 0 {
		parts = append(parts, fmt.Sprintf("robots.txt of %s disallows %s for %s", o, strings.Join(u.disallowed, ", "), RobotsToken))
	}
	if len(u.late) > 0 {
		parts = append(parts, fmt.Sprintf("the crawl-delay of %s (%s) leaves no time for %s within the lookup's %s", o, delay, strings.Join(u.late, ", "), limit))
	}
	return parts
}
