package website

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// maxRobotsParse is how much of a robots.txt is read: RFC 9309 §2.5 asks
// crawlers to parse at least 500 KiB, and rules past that may be
// ignored. It also bounds what the cache holds per site.
const maxRobotsParse = 500 << 10

// tidyRobots rewrites a robots.txt so github.com/temoto/robotstxt reads it
// as RFC 9309 asks:
//
//   - the parseable rules are followed (§2.3.1.1): the parser refuses a
//     whole file for one rule outside any group or one unreadable
//     Crawl-delay, so those lines are dropped (they belong to no group,
//     or say nothing), and so are lines without a colon;
//   - an Allow and a Disallow that match equally, the Allow wins
//     (§2.2.2): the parser keeps the first of equal matches, so each
//     group lists its Allow lines before its Disallow lines;
//   - only the first maxRobotsParse bytes are read, to a line's end
//     (§2.5).
func tidyRobots(body []byte) []byte {
	var t tidier
	for _, line := range strings.Split(string(cutAtLine(body, maxRobotsParse)), "\n") {
		t.line(line)
	}
	t.endGroup()
	return []byte(strings.Join(t.out, "\n") + "\n")
}

// cutAtLine keeps at most limit bytes of b, ending at a line break.
func cutAtLine(b []byte, limit int) []byte {
	if len(b) <= limit {
		return b
	}
	b = b[:limit]
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return nil
}

// tidier is tidyRobots under way: the lines kept, and the current group's
// rules held back until the group ends.
type tidier struct {
	out               []string
	allows, disallows []string
	inGroup, inRules  bool
}

func (t *tidier) line(raw string) {
	line, _, _ := strings.Cut(raw, "#")
	line = strings.TrimSpace(line)
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return
	}
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "user-agent", "useragent":
		if t.inRules {
			t.endGroup()
		}
		t.inGroup = true
		t.out = append(t.out, line)
	case "allow":
		t.rule(&t.allows, line)
	case "disallow":
		t.rule(&t.disallows, line)
	case "crawl-delay", "crawldelay":
		if d, ok := delaySeconds(value); ok && t.inGroup {
			t.inRules = true
			t.out = append(t.out, key+": "+d)
		}
	default:
		t.out = append(t.out, line)
	}
}

// rule holds an Allow or Disallow of the current group; one before any
// User-agent line belongs to no group and is dropped.
func (t *tidier) rule(into *[]string, line string) {
	if !t.inGroup {
		return
	}
	t.inRules = true
	*into = append(*into, line)
}

func (t *tidier) endGroup() {
	t.out = append(append(t.out, t.allows...), t.disallows...)
	t.allows, t.disallows, t.inRules = nil, nil, false
}

// maxCrawlDelay is the longest Crawl-delay kept, in seconds: any delay
// longer than a lookup already stops it, and a longer one would overflow
// the parser's time.Duration into a negative, that is no, delay.
const maxCrawlDelay = 24 * 60 * 60

// delaySeconds reads a Crawl-delay value: a number of seconds, not
// negative, at most maxCrawlDelay (a larger one, however large, is
// capped); false for anything else.
func delaySeconds(v string) (string, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if errors.Is(err, strconv.ErrRange) && f > 0 {
		err = nil
	}
	if err != nil || !(f >= 0) {
		return "", false
	}
	return strconv.FormatFloat(min(f, maxCrawlDelay), 'f', -1, 64), true
}
