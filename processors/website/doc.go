// Package website is the website provider: it fetches a company's own
// site and reads the schema.org JSON-LD in it (Organization, Person,
// founder, employee, member, jobTitle) as the company's facts and people.
//
// The site is the request's domain, and only that: with no domain the
// result is NOT_FOUND ("request has no domain"). It is looked for at the
// domain, then at its www. form (or the bare form of a www. name), over
// https, and over plain http after https on each host only when
// Config.AllowHTTP says so; the first origin whose robots.txt gets an
// answer is the site. An origin whose name does not resolve, that refuses
// connections or whose certificate is not valid for it is passed over; a
// domain none of whose hosts resolves or accepts connections has no
// site, a NOT_FOUND result saying so. Redirects are followed, so an http
// entry that redirects to https://www. leads there.
//
// robots.txt is read per origin, parsed by github.com/temoto/robotstxt
// for the product token RobotsToken ("leadgen", else "*"), and kept for
// RobotsTTL (RFC 9309 §2.4) in a bounded cache; see readRobots for how
// each answer is read (4xx: everything allowed; 5xx or no answer:
// nothing read, a transient failure). A page it disallows is never
// requested, and the requests to one origin are spaced by its
// Crawl-delay, within the lookup's time limit: a page the delay leaves no
// time for is not requested either. Neither is a failure: the result's
// notes name the pages left unread and why (the lead carries them), and a
// NOT_FOUND result's confidence is the share of the pages read. Every request carries Config.UserAgent, which names leadgen and
// a contact URL.
//
// Up to four pages are read in order, /, /about, /team and /leadership,
// stopping at the first that names people. JSON-LD is read leniently, as
// it is written in the wild: a single object, an array or an @graph with
// @id references; @type as a string or an array; scalars where lists
// belong; founder as a plain string or a Person; people wrapped in an
// OrganizationRole; jobTitle as text or a DefinedTerm; trailing commas,
// raw line breaks and HTML entities.
//
// Every fetch goes through the internal/ssrf guard, as the domain comes
// from input: the URL is built from the validated host name (never taken
// from the request), every address a name resolves to must be public and
// is checked when dialled, http and https only (http only when allowed,
// redirects included), at most 3 redirects each checked again, bodies up
// to 2 MiB, 10 s for the whole lookup and no proxy from the environment.
// Config.SandboxURL is the one exception, for a leadgen sandbox; nothing
// sets it by default.
//
// Failures are classified with the failure package: a timeout, a reset
// connection or a 5xx is transient; 429 is rate_limited; a domain that
// resolves to a non-public address, a redirect the guard refuses, too
// many redirects, a redirect to plain http when it is not allowed, an
// oversized page, a bad certificate at every host or another 4xx on the
// home page is permanent; a domain that answers nowhere, or a site whose
// pages name nobody, is a NOT_FOUND result. The provider needs no
// credential.
package website
