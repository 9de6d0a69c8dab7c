package ssrf

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"

	dny "code.dny.dev/ssrf"
)

// ErrRefused is wrapped by every refusal of the guard: an address that is
// not public, a port or network it does not admit, a scheme other than
// http or https, or a redirect to any of those.
var ErrRefused = errors.New("ssrf guard refused the destination")

// DefaultPorts are the ports the guard admits: the ones a URL built from
// a bare host name uses.
var DefaultPorts = []uint16{80, 443}

// Guard decides which addresses may be dialled. It is safe for concurrent
// use.
type Guard struct {
	g *dny.Guardian
}

// NewGuard returns a guard admitting public addresses on ports (default
// DefaultPorts) over tcp4 and tcp6.
func NewGuard(ports ...uint16) *Guard {
	if len(ports) == 0 {
		ports = DefaultPorts
	}
	return &Guard{g: dny.New(dny.WithPorts(ports...))}
}

// CheckAddr returns nil for a public address and an error wrapping
// ErrRefused for any other; the port is not considered. It is the
// guard's whole decision about an address, without any network access.
func (g *Guard) CheckAddr(ip netip.Addr) error {
	if err := g.g.SafeAddr(ip); err != nil {
		return fmt.Errorf("%w: %w", ErrRefused, err)
	}
	return nil
}

// Control is a net.Dialer.Control: it refuses a connection to an address
// or port the guard does not admit before any packet is sent.
func (g *Guard) Control(network, address string, c syscall.RawConn) error {
	if err := g.g.Safe(network, address, c); err != nil {
		return fmt.Errorf("%w: %w", ErrRefused, err)
	}
	return nil
}

// admitsPort reports whether port is one the guard dials.
func (g *Guard) admitsPort(port uint16) bool {
	return g.g.SafeAddrPort(netip.AddrPortFrom(publicProbe, port)) == nil
}

// publicProbe is a public address, used to ask the guard about a port
// alone.
var publicProbe = netip.MustParseAddr("93.184.216.34")
