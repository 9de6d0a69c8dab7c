// Package sandbox serves simulated provider APIs over a bundled dataset of
// fictional UK companies, so leadgen can be run, tested and benchmarked
// without real credentials, quotas or network access.
//
// Every response carries the header X-Leadgen-Sandbox: true, every company
// lives under a reserved .example domain, and no person or company in the
// dataset is real.
//
// The routes answer with the same paths, JSON members, headers, auth checks
// and error bodies as the real services (see shared/fixtures):
//
//	/companies-house/search/companies                                Companies House search
//	/companies-house/company/{number}                                company profile
//	/companies-house/company/{number}/officers                       officer list
//	/companies-house/company/{number}/persons-with-significant-control
//	/companies-house/officers/{id}/appointments                       an officer's appointments
//	/opencorporates/v0.4/companies/gb/{number}                       company with officers
//	/opencorporates/v0.4/companies/search
//	/x/2/users/by?usernames=a,b                                      X users lookup (bearer token)
//	/x/2/users/by/username/{username}
//	/x/2/tweets/search/recent?query=&expansions=author_id
//	/linkedin/rest/organizations?q=vanityName&vanityName=            LinkedIn finder (bearer, LinkedIn-Version, X-Restli-Protocol-Version)
//	/linkedin/rest/organizations/{id}
//	/linkedin/oauth/v2/accessToken                                   LinkedIn token refresh (POST grant_type=refresh_token)
//	/facebook/{version}/pages/search?q=                              Graph Pages search (access_token; any vNN.0)
//	/facebook/{version}/{page-id}?fields=                            Graph Page fields, X-App-Usage on every answer
//	/website/{host}/{path}                                           https://{host}/{path} of a company site
//	/_sandbox/faults                                                 GET or PUT every provider's faults
//	/_sandbox/faults/{provider}                                      GET or PUT one provider's faults
//	/_sandbox/knobs                                                  GET or PUT every provider's latency and 5xx rate
//
// Which companies have an X account, a LinkedIn page, a Facebook Page or
// a website is drawn from a hash of the company number (PresenceOf), so
// each provider finds most companies and misses some, the same on every
// run; company sites carry schema.org JSON-LD built from the officers, in
// the shapes real sites use, with the name variants ("John R. Smith", "Dr
// Chiamaka Okafor") dedupe must merge.
//
// Each API may have a Quota (Config.Quotas): Limit calls per credential
// in a fixed Window that starts with the credential's first call, as
// hostile as the real API about it. Only allowed calls consume the
// window. Companies House has its real 600 per 5 minutes by default
// (Config.RateLimit); the others have none unless configured. Each
// answers as the real one does:
//
//	companies_house  X-Ratelimit-Limit/-Remain/-Reset/-Window on every answer; beyond: 429, no Retry-After
//	x                x-rate-limit-limit/-remaining/-reset on every answer; beyond: 429 problem, same headers
//	facebook         X-App-Usage percentages on every answer; beyond: 400, error code 4 (app limit), transient
//	linkedin         no headers; beyond: 429 TOO_MANY_REQUESTS (the real quota is daily, reset at midnight UTC)
//	opencorporates   no headers; beyond: 403 with its quota body
//
// QuotaRefusals counts the calls refused for quota; CallTimes records
// every call, refused ones included.
//
// Each provider has its own Faults: a rate (0..1) of calls answered 503,
// held until the client gives up, refused as over quota, refused as
// unauthorised, answered with truncated JSON, or answered with a body
// that trickles; plus a latency, and FirstCallsRateLimited, which refuses
// the first N calls of every path as over quota before serving it. They
// are the one fault mechanism: set at start in Config.Faults (Latency
// and ErrorRate fill them for providers without an entry), changed at
// run time for one provider (SetFaults, PUT /_sandbox/faults/{provider})
// or for all at once (UpdateAllFaults, PUT /_sandbox/faults); Knobs,
// SetKnobs and /_sandbox/knobs are the shorthand for every provider's
// Latency and Status5xx.
//
// A client points its base URL at the prefix, e.g.
// http://127.0.0.1:8081/companies-house, and needs no other change.
//
// The package is the Server and the API the rest of leadgen uses; the
// parts live in packages of their own. Each simulated API is one package
// of routes, wire shapes, rendering and refusals (companieshouse,
// opencorporates, x, linkedin, facebook, website), over a shared core
// that imports none of them: dataset (the companies, their people, names,
// presence online and sites), fault (Faults and their injection), quota
// (per-credential windows), calllog (call counts and times), respond
// (answer helpers and the fixed answers each API words its refusals in)
// and route (an API's routes behind its credential check and quota).
// The Server mounts every API package under its prefix and wraps it in
// the call log and faults (apis.go); each API says how it reads and
// refuses a credential, and route checks it and spends the quota.
package sandbox
