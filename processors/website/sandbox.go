package website

import (
	"net"
	"net/http"
	"net/url"
	"os"
	"syscall"
)

// SandboxUnreachable is the header with which a leadgen sandbox answers
// for a host that does not answer: "nxdomain" for a name that does not
// resolve, "refused" for a connection refused. It has the value of
// sandbox.WebUnreachableHeader (a test checks they agree).
const SandboxUnreachable = "X-Leadgen-Sandbox-Unreachable"

// sandboxTransport sends https://<host>/<path> to <base>/<host>/<path>
// and http://<host>/<path> to <base>/http/<host>/<path>; the response
// keeps the URL the client asked for, so redirects and SourceRef read as
// on the real site. A sandbox answer standing for no answer becomes the
// network error it stands for.
type sandboxTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (t *sandboxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	u := *t.base
	u.Path = t.base.Path + sandboxScheme(req.URL.Scheme) + "/" + req.URL.Hostname() + req.URL.Path
	u.RawPath, u.RawQuery = "", req.URL.RawQuery
	out.URL, out.Host = &u, ""
	resp, err := t.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	if why := resp.Header.Get(SandboxUnreachable); why != "" {
		_ = resp.Body.Close()
		return nil, unreachable(why, req.URL.Hostname())
	}
	resp.Request = req
	return resp, nil
}

// sandboxScheme is the path segment of a scheme: none for https.
func sandboxScheme(scheme string) string {
	if scheme == "http" {
		return "/http"
	}
	return ""
}

// unreachable is the error a dial to host would have given.
func unreachable(why, host string) error {
	if why == "nxdomain" {
		return &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}
