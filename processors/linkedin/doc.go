// Package linkedin is the linkedin provider: a client of LinkedIn's
// versioned REST API that looks a company's organization page up by its
// vanity name (GET /rest/organizations?q=vanityName&vanityName=...) and
// reports its page facts: name, website and headquarters.
//
// Company page facts only, no people. LinkedIn gives ordinary apps no
// people or executive search: member profiles are readable only for the
// signed-in member, organizations other than your own return just their
// id, name, vanity name, website, logo, locations and type, and data on
// other members may not be stored. This provider does not scrape around
// that, so its results never carry executives.
//
// Every call sends the required LinkedIn-Version (YYYYMM, Config.Version)
// and X-Restli-Protocol-Version: 2.0.0 headers with the OAuth bearer
// token. Failures are classified by Classify: 401 and 403 are auth, a 429
// naming a DAY limit waits until the daily quotas reset at midnight UTC
// (LinkedIn sends no rate-limit headers), any other 429 is short
// throttling met with backoffs, 5xx is transient. A vanity name LinkedIn does not
// know is an empty answer, and a company none of whose candidate names
// exists is a NOT_FOUND result.
//
// The access token travels only in the Authorization header and never
// appears in an error. The caller reads it from
// LEADGEN_LINKEDIN_ACCESS_TOKEN or the file named by
// LEADGEN_LINKEDIN_ACCESS_TOKEN_FILE.
package linkedin
