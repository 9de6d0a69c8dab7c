// Package facebook serves the sandbox's imitation of the Graph API's
// Pages search and Page fields over the dataset's companies with a Page,
// with Graph's versioned paths, access_token and appsecret_proof checks,
// X-App-Usage on every answer, and its error bodies, which come with
// HTTP 400 and a code (testdata/facebook in the sandbox package holds the
// documented examples it is compared with).
package facebook
