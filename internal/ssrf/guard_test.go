package ssrf

import (
	"errors"
	"net/netip"
	"testing"
)

func TestTheGuardRefusesEveryAddressThatIsNotPublic(t *testing.T) {
	tests := []struct{ name, addr string }{
		{"IPv4 loopback is refused", "127.0.0.1"},
		{"the rest of 127/8 is refused", "127.3.2.1"},
		{"IPv6 loopback is refused", "::1"},
		{"RFC 1918 10/8 is refused", "10.1.2.3"},
		{"RFC 1918 172.16/12 is refused at its start", "172.16.0.1"},
		{"RFC 1918 172.16/12 is refused at its end", "172.31.255.254"},
		{"RFC 1918 192.168/16 is refused", "192.168.1.1"},
		{"the cloud metadata address is refused", "169.254.169.254"},
		{"IPv4 link-local is refused", "169.254.1.1"},
		{"CGNAT 100.64/10 is refused", "100.64.0.1"},
		{"the end of CGNAT is refused", "100.127.255.254"},
		{"the unspecified IPv4 address is refused", "0.0.0.0"},
		{"this-network 0/8 is refused", "0.1.2.3"},
		{"the unspecified IPv6 address is refused", "::"},
		{"IPv4 multicast is refused", "224.0.0.1"},
		{"the IPv4 broadcast address is refused", "255.255.255.255"},
		{"IPv6 multicast is refused", "ff02::1"},
		{"IPv6 ULA fc00::/7 is refused", "fc00::1"},
		{"the AWS IPv6 metadata address is refused", "fd00:ec2::254"},
		{"IPv6 link-local is refused", "fe80::1"},
		{"IPv4-mapped loopback is refused", "::ffff:127.0.0.1"},
		{"IPv4-mapped RFC 1918 is refused", "::ffff:10.0.0.1"},
		{"IPv4-mapped metadata is refused", "::ffff:169.254.169.254"},
		{"IPv4-compatible loopback is refused", "::127.0.0.1"},
		{"NAT64 of loopback is refused", "64:ff9b::7f00:1"},
		{"6to4 of a private address is refused", "2002:a00:1::1"},
		{"documentation TEST-NET-1 is refused", "192.0.2.10"},
		{"IPv6 documentation is refused", "2001:db8::1"},
	}
	g := NewGuard()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := g.CheckAddr(netip.MustParseAddr(tt.addr))
			if !errors.Is(err, ErrRefused) {
				t.Fatalf("CheckAddr(%s) = %v, want ErrRefused", tt.addr, err)
			}
		})
	}
}

func TestTheGuardAdmitsOrdinaryPublicAddresses(t *testing.T) {
	tests := []struct{ name, addr string }{
		{"a public IPv4 web server is admitted", "93.184.216.34"},
		{"a public IPv6 resolver is admitted", "2606:4700::1111"},
		{"Google's IPv4 resolver is admitted", "8.8.8.8"},
		{"Cloudflare's IPv4 resolver is admitted", "1.1.1.1"},
		{"Google's IPv6 resolver is admitted", "2001:4860:4860::8888"},
		{"an address just past 172.16/12 is admitted", "172.32.0.1"},
		{"an address just past CGNAT is admitted", "100.128.0.1"},
	}
	g := NewGuard()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := g.CheckAddr(netip.MustParseAddr(tt.addr)); err != nil {
				t.Fatalf("CheckAddr(%s) = %v, want nil", tt.addr, err)
			}
		})
	}
}

func TestControlChecksNetworkPortAndAddress(t *testing.T) {
	tests := []struct {
		name, network, address string
		refused                bool
	}{
		{"https to a public IPv4 address is admitted", "tcp4", "93.184.216.34:443", false},
		{"http to a public IPv6 address is admitted", "tcp6", "[2606:4700::1111]:80", false},
		{"a port other than 80 or 443 is refused", "tcp4", "93.184.216.34:22", true},
		{"udp is refused", "udp4", "93.184.216.34:443", true},
		{"loopback on 443 is refused", "tcp4", "127.0.0.1:443", true},
		{"IPv6 loopback on 80 is refused", "tcp6", "[::1]:80", true},
		{"the metadata address on 80 is refused", "tcp4", "169.254.169.254:80", true},
		{"an unparsable address is refused", "tcp4", "not-an-address", true},
	}
	g := NewGuard()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := g.Control(tt.network, tt.address, nil)
			if got := errors.Is(err, ErrRefused); got != tt.refused || (!tt.refused && err != nil) {
				t.Fatalf("Control(%s, %s) = %v, want refused %v", tt.network, tt.address, err, tt.refused)
			}
		})
	}
}
