// Package website is the website provider: it fetches a company's own
// site and reads the schema.org JSON-LD in it (Organization, Person,
// founder, employee, member, jobTitle) as the company's facts and people.
//
// The site is the request's domain, and only that: with no domain the
// result is NOT_FOUND ("request has no domain"). Up to four pages are
// read in order, /, /about, /team and /leadership, stopping at the first
// that names people. JSON-LD is read leniently, as it is written in the
// wild: a single object, an array or an @graph with @id references;
// @type as a string or an array; scalars where lists belong; founder as a
// plain string or a Person; people wrapped in an OrganizationRole;
// jobTitle as text or a DefinedTerm; trailing commas, raw line breaks and
// HTML entities.
//
// Every fetch goes through the internal/ssrf guard, as the domain comes
// from input: the URL is built from the validated host name (never taken
// from the request), every address a name resolves to must be public and
// is checked when dialled, http and https only, at most 3 redirects each
// checked again, bodies up to 2 MiB, 10 s for the whole lookup and no
// proxy from the environment. Config.SandboxURL is the one exception, for
// a leadgen sandbox; nothing sets it by default.
//
// Failures are classified with the failure package: a timeout, a refused
// connection or a 5xx is transient; 429 is rate_limited; a domain that
// resolves to a non-public address, a redirect the guard refuses, too
// many redirects, an oversized page, a bad certificate or another 4xx on
// the home page is permanent; a domain that does not resolve, or a site
// whose pages name nobody, is a NOT_FOUND result. The provider needs no
// credential.
package website
