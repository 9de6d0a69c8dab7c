// Package chinsolvency is the companies_house_insolvency provider: for a
// request with a company number it reads the company's insolvency cases
// from the Companies House Public Data API
// (GET /company/{company_number}/insolvency) and says in the result's
// notes which case is open and which insolvency practitioners act in it:
// a sales team should not court a company in liquidation, and the
// practitioner is who speaks for it.
//
// Practitioners are not the company's decision makers, so the result
// names no executives; its findings travel as notes, which the
// aggregator carries onto the lead. It uses the companies_house
// credential and shares its quota (Spec.Quota.Key): one call per request.
// It is opt-in (Spec.OptIn) for that reason.
package chinsolvency
