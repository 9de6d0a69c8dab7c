// Package x is the x provider: a client of the X API v2 that finds a
// company's own account and reports it as company facts.
//
// It makes one users lookup, GET /2/users/by?usernames=..., for the
// handles a company's name and domain suggest ("acme-widgets.example"
// and "Acme Widgets Ltd" → acmewidgets, acme_widgets, acmewidgetshq),
// and picks the account the evidence supports: its name against the
// company's, its website against the request's domain, its verification.
// When no candidate fits and the request has a domain, one recent search,
// GET /2/tweets/search/recent?query=url:"<domain>" with
// expansions=author_id, looks for an account that links to the site.
//
// People: the users lookup names accounts, not a company's officers, and
// leadgen runs this provider beside companies_house, not after it, so it
// cannot look up "the people other sources name" in the same pass. An
// account's description ("CEO: @janedoe") is not turned into people:
// nothing is invented, and the result's Executives are empty.
//
// X bills per resource read: $0.010 per user and $0.005 per post at the
// time of writing (Config.CostPerUserRead, CostPerPostRead). Failures are
// classified by Classify: 401 and 402 (credits spent) are auth, 429 waits
// until x-rate-limit-reset, an unknown user answered with HTTP 200 and
// only errors is not found. The latest x-rate-limit-* reading per
// endpoint is kept for a limiter (RateLimit).
//
// The bearer token travels only in the Authorization header and never
// appears in an error. The caller reads it from LEADGEN_X_BEARER_TOKEN or
// the file named by LEADGEN_X_BEARER_TOKEN_FILE.
package x
