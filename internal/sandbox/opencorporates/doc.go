// Package opencorporates serves the sandbox's imitation of the
// OpenCorporates v0.4 API over the dataset: a GB company with its
// officers, and company search, with the real API's members, api_token
// parameter, 403 quota refusal and error bodies (testdata/opencorporates
// in the sandbox package holds the documented examples it is compared
// with).
package opencorporates
