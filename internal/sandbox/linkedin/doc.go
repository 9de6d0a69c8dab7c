// Package linkedin serves the sandbox's imitation of LinkedIn's REST
// organization lookup over the dataset's companies with a page: the
// vanity name finder and lookup by id, with the real API's bearer token,
// LinkedIn-Version and Rest.li protocol headers, ACCESS_DENIED for a
// token without the permission, error bodies, and the OAuth 2.0 token
// endpoint's refresh (testdata/linkedin in the sandbox package holds the
// documented examples it is compared with).
package linkedin
