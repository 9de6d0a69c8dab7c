package website

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"syscall"

	"github.com/leadgen/leadgen/internal/ssrf"
)

// origin is where a site is asked for pages: a scheme and a host name,
// on the scheme's own port (RFC 9309 §2.3: robots.txt rules hold for one
// scheme, host and port).
type origin struct{ scheme, host string }

func (o origin) String() string { return o.scheme + "://" + o.host }

func (o origin) url(path string) *url.URL {
	return &url.URL{Scheme: o.scheme, Host: o.host, Path: path}
}

// origins are where a domain's site may be, in the order tried: the host
// named, then its www. form (or, for a www. name, the bare one); on each
// host https, then plain http when allowed. Every candidate is a valid
// host name, and only ever dialled through the guard.
func (c *Client) origins(host string) []origin {
	var out []origin
	for _, h := range []string{host, otherHost(host)} {
		if h == "" {
			continue
		}
		out = append(out, origin{"https", h})
		if c.cfg.AllowHTTP {
			out = append(out, origin{"http", h})
		}
	}
	return out
}

// otherHost is a host's www. twin: "www.acme.example" for "acme.example"
// and the other way round, or "" when that is not a valid host name.
func otherHost(host string) string {
	other := "www." + host
	if rest, ok := strings.CutPrefix(host, "www."); ok {
		other = rest
	}
	h, err := ssrf.Hostname(other)
	if err != nil {
		return ""
	}
	return h
}

// locate finds the origin the site answers at: the first whose robots.txt
// gets an answer, or whose policy is cached. An origin that is not there
// (see elsewhere) passes to the next, and a host whose name does not
// resolve is not asked again over another scheme; any other failure ends
// the lookup. When no origin answers, the error is a *nowhere.
func (l *lookup) locate(ctx context.Context) error {
	var miss nowhere
	dead := map[string]bool{}
	for _, o := range l.c.origins(l.host) {
		if dead[o.host] {
			continue
		}
		st, err := l.robots(ctx, o)
		if err == nil {
			l.origin, l.site = o, st
			return nil
		}
		if !elsewhere(err) {
			return err
		}
		dead[o.host] = isNoSuchHost(err)
		miss.tried = append(miss.tried, missed{o, err})
	}
	miss.httpOff = !l.c.cfg.AllowHTTP
	return &miss
}

// robots returns the origin's policy, cached or read now.
func (l *lookup) robots(ctx context.Context, o origin) (*originState, error) {
	if st := l.c.sites.get(o); st != nil {
		return st, nil
	}
	u := o.url(robotsPath)
	page, err := l.fetch(ctx, u, l.c.robotsHeader)
	if err != nil {
		err = fmt.Errorf("fetch %s: %w", u, err)
	}
	p, err := readRobots(o, page, err)
	if err != nil {
		return nil, err
	}
	return l.c.sites.put(o, p), nil
}

// elsewhere reports a failure that says the site is not at this origin:
// the name does not resolve, nothing listens (connection refused), or,
// over https, the certificate is not for this host or not trusted (a
// bare domain often has none of its own). A timeout, a reset or a refusal
// of the guard says nothing of the kind.
func elsewhere(err error) bool { return doesNotAnswer(err) || isCertError(err) }

// doesNotAnswer reports a host that does not exist as far as the network
// can tell: no such name, or no server.
func doesNotAnswer(err error) bool {
	return isNoSuchHost(err) || errors.Is(err, syscall.ECONNREFUSED)
}

func isCertError(err error) bool {
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	return errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostnameErr)
}

// nowhere is the failure of locate: no origin answered.
type nowhere struct {
	tried   []missed
	httpOff bool
}

// missed is one origin that did not answer, and how.
type missed struct {
	origin origin
	err    error
}

func (n *nowhere) Error() string {
	parts := make([]string, len(n.tried))
	for i, m := range n.tried {
		parts[i] = m.origin.String() + " " + howMissed(m.err)
	}
	msg := "site answers nowhere: " + strings.Join(parts, "; ")
	if n.httpOff {
		msg += " (plain http not tried: not allowed)"
	}
	return msg
}

// Unwrap gives the failures, so errors.As finds a certificate error.
func (n *nowhere) Unwrap() []error {
	out := make([]error, len(n.tried))
	for i, m := range n.tried {
		out[i] = m.err
	}
	return out
}

// absent reports whether every origin tried is one the network says does
// not exist: then the domain has no site, which is an answer, not a
// failure.
func (n *nowhere) absent() bool {
	for _, m := range n.tried {
		if !doesNotAnswer(m.err) {
			return false
		}
	}
	return true
}

func howMissed(err error) string {
	switch {
	case isNoSuchHost(err):
		return "does not resolve"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refuses connections"
	}
	return "has no valid certificate"
}
