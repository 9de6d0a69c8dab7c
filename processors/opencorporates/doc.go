// Package opencorporates is a client of the OpenCorporates API, the
// secondary source of officers for the companies_house fallback: it finds
// a GB company (by number, or by searching its name and fuzzy-matching
// the results) and reads the officers embedded in the company record as
// executives.
//
// Every failure comes back classified with the failure package (see
// classify). OpenCorporates spends its quotas by the day and the month
// and refuses a spent one with 403, not 429, so that 403 is rate_limited
// until the next midnight UTC, while any other 401 or 403 is auth. An
// unknown company is not a failure but a NOT_FOUND result.
//
// The API token travels in the api_token query parameter, as the API
// requires, and is scrubbed from every error message.
package opencorporates
