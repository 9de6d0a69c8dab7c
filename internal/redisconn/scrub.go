package redisconn

import (
	"net/url"
	"strings"
)

// scrub removes the password of rawURL from msg, in every form it may be
// quoted in.
func scrub(msg, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return strings.ReplaceAll(msg, rawURL, "<redis url>")
	}
	pass, ok := u.User.Password()
	if !ok || pass == "" {
		return msg
	}
	for _, form := range []string{pass, url.QueryEscape(pass), url.PathEscape(pass)} {
		msg = strings.ReplaceAll(msg, form, "xxxxx")
	}
	return msg
}
