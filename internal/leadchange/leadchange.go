// Package leadchange says what changed between two versions of a lead in
// words a sales team reads: "Jane Doe appointed director on 2026-12-01",
// "John Smith resigned as secretary on 2026-12-03", "company status:
// active → liquidation". The aggregator writes them to the lead-changes
// topic with each new version.
package leadchange

import (
	"cmp"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// pscRole is the role Companies House people with significant control
// carry (processors/companieshouse.PSCRole).
const pscRole = "person-with-significant-control"

// Describe lists what next says that prev did not: people appointed,
// notified, added, resigned, ceased or no longer named, matched by their
// normalised names, ordered by name, then the company's status. Nothing
// else (scores, confidences, sources of a person already listed) is a
// change a sales team acts on.
func Describe(prev, next *schemas.EnrichedLead) []schemas.LeadChangeItem {
	before := byName(prev.Executives)
	var out []schemas.LeadChangeItem
	for _, e := range next.Executives {
		p, was := before[e.NormalizedName]
		delete(before, e.NormalizedName)
		switch {
		case !was:
			out = append(out, arrived(e))
		case p.ResignedOn == nil && e.ResignedOn != nil:
			out = append(out, left(e))
		}
	}
	for _, p := range before {
		out = append(out, item(schemas.ChangeRemoved, p, p.Name+" no longer listed"+asRole(p.Role)))
	}
	slices.SortStableFunc(out, func(a, b schemas.LeadChangeItem) int { return cmp.Compare(*a.Person, *b.Person) })
	if from, to := deref(prev.CompanyStatus), deref(next.CompanyStatus); from != to {
		out = append(out, schemas.LeadChangeItem{Kind: schemas.ChangeStatus,
			Text: "company status: " + cmp.Or(from, "unknown") + " → " + cmp.Or(to, "unknown")})
	}
	return out
}

// arrived describes a person the previous version did not name.
func arrived(e schemas.Executive) schemas.LeadChangeItem {
	switch {
	case e.ResignedOn != nil:
		return left(e)
	case e.AppointedOn != nil && e.Role == pscRole:
		return item(schemas.ChangeNotified, e, e.Name+" notified as a person with significant control on "+*e.AppointedOn)
	case e.AppointedOn != nil:
		return item(schemas.ChangeAppointed, e, e.Name+" appointed "+roleWords(e.Role)+" on "+*e.AppointedOn)
	default:
		return item(schemas.ChangeAdded, e, e.Name+" now listed"+asRole(e.Role)+" by "+strings.Join(e.Sources, ", "))
	}
}

// left describes a person who resigned or ceased.
func left(e schemas.Executive) schemas.LeadChangeItem {
	if e.Role == pscRole {
		return item(schemas.ChangeCeased, e, e.Name+" ceased to be a person with significant control on "+*e.ResignedOn)
	}
	return item(schemas.ChangeResigned, e, e.Name+" resigned"+asRole(e.Role)+" on "+*e.ResignedOn)
}

func item(kind string, e schemas.Executive, text string) schemas.LeadChangeItem {
	name := e.Name
	return schemas.LeadChangeItem{Kind: kind, Person: &name, Text: text}
}

func byName(es []schemas.Executive) map[string]schemas.Executive {
	m := make(map[string]schemas.Executive, len(es))
	for _, e := range es {
		m[e.NormalizedName] = e
	}
	return m
}

// roleWords is a role as words: Companies House writes
// "llp-designated-member", a sales team reads "llp designated member".
func roleWords(role string) string { return strings.ReplaceAll(role, "-", " ") }

// asRole is " as <role>", or nothing when the role is unknown.
func asRole(role string) string {
	if role == "" {
		return ""
	}
	return " as " + roleWords(role)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
