// Package x serves the sandbox's imitation of the X API v2 over the
// dataset's companies with an X account: users lookup, one or many,
// and recent search, with the real API's members, bearer tokens,
// x-rate-limit-* headers and problem bodies (testdata/x in the sandbox
// package holds the documented examples it is compared with).
package x
