// Package companieshouse serves the sandbox's imitation of the Companies
// House public data API over the dataset: company search, profile,
// officer list and persons with significant control, with the real
// API's paths, members, HTTP Basic auth, paging limits, X-Ratelimit-*
// headers and error bodies (testdata/companies_house in the sandbox
// package holds the documented examples it is compared with). A new
// route is a handler on server and one line in Mount.
package companieshouse
