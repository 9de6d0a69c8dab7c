// Package chappointments is the companies_house_appointments provider:
// for a request with a company number it reads the company's officers
// from the Companies House Public Data API and, for each current officer,
// their appointments (GET /officers/{officer_id}/appointments), and says
// in the result's notes how many other active directorships each holds
// and where: a strong seniority signal for a sales team.
//
// It names no people of its own (the companies_house provider does, from
// the same register; naming them again would count one source twice when
// people are merged and scored): its findings travel as notes, which the
// aggregator carries onto the lead, and as one Executive per current
// officer holding other_directorships and the officer's appointments
// link as source_ref. The registry makes it a provider.Detail source, so
// people.Merge adds the count to the person companies_house names under
// the same link instead of merging a person. It uses the companies_house
// credential and shares its quota (Spec.Quota.Key): every call spends the
// same key's 600 calls per 5 minutes. It is opt-in (Spec.OptIn) for that
// reason: 1 + one call per current officer per request.
package chappointments
