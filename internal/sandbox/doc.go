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
//	/opencorporates/v0.4/companies/gb/{number}                       company with officers
//	/opencorporates/v0.4/companies/search
//	/_sandbox/knobs                                                  GET or PUT every provider's latency and 5xx rate
//	/_sandbox/faults/{provider}                                      GET or PUT one provider's faults
//
// Each provider has its own Faults: a rate (0..1) of calls answered 503,
// held until the client gives up, refused as over quota, refused as
// unauthorised, answered with truncated JSON, or answered with a body
// that trickles; plus a latency. They are set at start in Config.Faults
// and changed at run time with SetFaults or the admin endpoint; the
// older Knobs set the latency and 5xx rate of every provider at once.
//
// A client points its base URL at the prefix, e.g.
// http://127.0.0.1:8081/companies-house, and needs no other change.
package sandbox
