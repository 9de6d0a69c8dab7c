package pipeline

import (
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/processors/provider"
)

// expiring is a client whose credential lapses (LinkedIn's member
// token); its provider's health reports when.
type expiring interface {
	Expiry() health.Expiry
}

// expiryOf returns p's client as expiring, or nil when its credential
// does not lapse.
func expiryOf(p provider.Provider) expiring {
	if c, ok := p.(*Client); ok {
		p = c.Provider
	}
	e, _ := p.(expiring)
	return e
}
