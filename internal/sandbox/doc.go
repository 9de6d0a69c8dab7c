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
//	/_sandbox/knobs                                                  GET or PUT latency and error rate
//
// A client points its base URL at the prefix, e.g.
// http://127.0.0.1:8081/companies-house, and needs no other change.
package sandbox
