// Package companieshouse is the companies_house provider: a client of the
// Companies House Public Data API that finds a company (by number, or by
// searching its name and fuzzy-matching the titles) and reads its officers
// and persons with significant control as executives.
//
// Every failure comes back classified with the failure package: 401 and
// 403 are auth, 429 is rate_limited (with the wait the API asked for),
// 5xx, timeouts and connection errors are transient, other 4xx are
// permanent, and a body that is not the expected JSON is bad_response. An
// unknown company is not a failure but a NOT_FOUND result.
//
// The API key travels only in the Authorization header and never appears
// in an error message.
package companieshouse
