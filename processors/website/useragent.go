package website

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/leadgen/leadgen/internal/apihttp"
)

// RobotsToken is leadgen's product token in robots.txt: the rules of a
// "User-agent: leadgen" group apply to it, else those of "*" (RFC 9309
// §2.2.1).
const RobotsToken = "leadgen"

// ProjectURL is where a site owner who sees leadgen in their logs learns
// what it is and whom to ask.
const ProjectURL = "https://github.com/leadgen/leadgen"

// MaxUserAgent bounds the User-Agent in bytes: room for a product, a
// version and a contact URL, well under what servers accept in a header.
const MaxUserAgent = 256

// DefaultUserAgent names leadgen, its build and its project URL, e.g.
// "leadgen/v1.4.0 (+https://github.com/leadgen/leadgen)". An operator
// sets their own with a contact URL of theirs (--website-user-agent), as
// they, not the project, answer for the crawling.
var DefaultUserAgent = apihttp.UserAgent + " (+" + ProjectURL + ")"

// CheckUserAgent reports why ua cannot be leadgen's User-Agent, or nil:
// it must be printable ASCII (no line break can smuggle in a header), at
// most MaxUserAgent bytes, name RobotsToken and carry an http(s) URL
// with a host.
func CheckUserAgent(ua string) error {
	switch {
	case ua == "" || len(ua) > MaxUserAgent:
		return fmt.Errorf("website user agent must be 1..%d bytes, got %d", MaxUserAgent, len(ua))
	case strings.ContainsFunc(ua, func(r rune) bool { return r < 0x20 || r > 0x7e }):
		return fmt.Errorf("website user agent %q must be printable ASCII", ua)
	case !strings.Contains(strings.ToLower(ua), RobotsToken):
		return fmt.Errorf("website user agent %q must contain the robots.txt product token %q", ua, RobotsToken)
	case contactURL(ua) == "":
		return fmt.Errorf("website user agent %q must carry a contact URL, e.g. leadgen/1.0 (+https://example.com/bot)", ua)
	}
	return nil
}

// contactURL is the first http(s) URL with a host in ua, or "".
func contactURL(ua string) string {
	for _, field := range strings.FieldsFunc(ua, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == ';' || r == '+' }) {
		if u, err := url.Parse(field); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return field
		}
	}
	return ""
}
