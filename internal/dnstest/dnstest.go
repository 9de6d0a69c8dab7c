// Package dnstest serves DNS answers from a map on loopback, for tests of
// code that resolves names (the SSRF guard, the website provider's hosts).
package dnstest

import (
	"context"
	"net"
	"net/netip"
	"testing"

	"golang.org/x/net/dns/dnsmessage"
)

// Resolver serves A and AAAA answers from names (fully qualified, e.g.
// "intranet.rebind.test.") over UDP on loopback until the test ends, and
// returns a resolver that asks only it. Unknown names are NXDOMAIN.
func Resolver(t testing.TB, names map[string]netip.Addr) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pc.Close() })
	go serveDNS(pc, names)
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

func serveDNS(pc net.PacketConn, names map[string]netip.Addr) {
	buf := make([]byte, 512)
	for {
		n, from, err := pc.ReadFrom(buf)
		if err != nil {
			return
		}
		if msg, ok := answer(buf[:n], names); ok {
			_, _ = pc.WriteTo(msg, from)
		}
	}
}

func answer(query []byte, names map[string]netip.Addr) ([]byte, bool) {
	var p dnsmessage.Parser
	h, err := p.Start(query)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	addr, known := names[q.Name.String()]
	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired}
	if !known {
		rh.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, rh)
	_ = b.StartQuestions()
	_ = b.Question(q)
	_ = b.StartAnswers()
	res := dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET}
	switch {
	case known && q.Type == dnsmessage.TypeA && addr.Is4():
		_ = b.AResource(res, dnsmessage.AResource{A: addr.As4()})
	case known && q.Type == dnsmessage.TypeAAAA && addr.Is6():
		_ = b.AAAAResource(res, dnsmessage.AAAAResource{AAAA: addr.As16()})
	}
	msg, err := b.Finish()
	return msg, err == nil
}
