package dataset

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// generator draws fictional companies from the word lists with a seeded
// random source, so the same seed always yields the same dataset.
type generator struct {
	rng     *rand.Rand
	numbers map[string]bool
	names   map[string]bool
}

// DateLayout is the form of every date in the dataset, as Companies
// House writes dates.
const DateLayout = "2006-01-02"

// End bounds every generated date, so the dataset does not change
// with the day it is built; renderings date their records by it.
var End = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// generate returns the fixed companies followed by n generated ones.
func generate(seed uint64, fixed []Company, n int) []Company {
	g := &generator{
		rng:     rand.New(rand.NewPCG(seed, seed^0x5eed)),
		numbers: map[string]bool{},
		names:   map[string]bool{},
	}
	for _, c := range fixed {
		g.numbers[c.Number], g.names[c.Name] = true, true
	}
	out := slices.Clone(fixed)
	for range n {
		out = append(out, g.company())
	}
	return out
}

func (g *generator) company() Company {
	towns, prefix, jurisdiction := g.jurisdiction()
	base, tr := g.baseName()
	legal, typ := g.legalForm()
	c := Company{
		Number: g.number(prefix), Name: base + " " + legal, Type: typ,
		Jurisdiction: jurisdiction,
		Domain:       strings.ReplaceAll(strings.ToLower(base), " ", "-") + ".example",
		SICCodes:     slices.Clone(tr.sic),
		Address:      g.address(towns),
	}
	g.names[c.Name] = true
	created := g.dateBetween(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC))
	c.CreatedOn = created.Format(DateLayout)
	c.Status, c.CeasedOn = g.status(created)
	apps := g.appointments(created, base)
	c.Officers = renderOfficers(apps)
	c.PSCs = g.pscs(apps, base)
	return c
}

func (g *generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

func (g *generator) jurisdiction() ([]locality, string, string) {
	switch r := g.rng.Float64(); {
	case r < 0.10:
		return scottishTowns, "SC", "scotland"
	case r < 0.15:
		return northernIrishTowns, "NI", "northern-ireland"
	default:
		return englishTowns, "", "england-wales"
	}
}

func (g *generator) number(prefix string) string {
	for {
		n := fmt.Sprintf("%08d", g.rng.IntN(16_000_000)+1)
		if prefix != "" {
			n = prefix + n[2:]
		}
		if !g.numbers[n] {
			g.numbers[n] = true
			return n
		}
	}
}

func (g *generator) baseName() (string, trade) {
	for {
		tr := trades[g.rng.IntN(len(trades))]
		base := g.pick(nameFirstWords) + " " + tr.word
		if !g.names[base+" LIMITED"] && !g.names[base+" LTD"] && !g.names[base+" PLC"] {
			return base, tr
		}
	}
}

func (g *generator) legalForm() (suffix, companyType string) {
	switch r := g.rng.Float64(); {
	case r < 0.6:
		return "LIMITED", "ltd"
	case r < 0.9:
		return "LTD", "ltd"
	default:
		return "PLC", "plc"
	}
}

func (g *generator) status(created time.Time) (status, ceasedOn string) {
	switch r := g.rng.Float64(); {
	case r < 0.86:
		return "active", ""
	case r < 0.94:
		ceased := g.dateBetween(created.AddDate(1, 0, 0), End)
		return "dissolved", ceased.Format(DateLayout)
	default:
		return "liquidation", ""
	}
}

func (g *generator) dateBetween(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, g.rng.IntN(days))
}

func (g *generator) address(towns []locality) Address {
	town := towns[g.rng.IntN(len(towns))]
	const letters = "ABDEFGHJLNPQRSTUWXYZ"
	postcode := fmt.Sprintf("%s%d %d%c%c", town.area, g.rng.IntN(20)+1, g.rng.IntN(10),
		letters[g.rng.IntN(len(letters))], letters[g.rng.IntN(len(letters))])
	return Address{
		Premises: fmt.Sprint(g.rng.IntN(250) + 1), Line1: g.pick(streets),
		Locality: town.town, PostalCode: postcode, Country: town.country,
	}
}

// id returns a Companies House style opaque id.
func (g *generator) id() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	b := make([]byte, 27)
	for i := range b {
		b[i] = alphabet[g.rng.IntN(len(alphabet))]
	}
	return string(b)
}
