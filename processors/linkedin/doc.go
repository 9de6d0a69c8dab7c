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
// # The token
//
// Organization lookup is protected by 3-legged OAuth: it takes a
// member's access token, not one of the app alone (a 2-legged client
// credentials token is refused), and the token must grant the
// rw_organization_admin permission, or LinkedIn answers 403
// ACCESS_DENIED "Not enough permissions to access:
// organizations.FINDER-vanityName...". To get one:
//
//  1. In the LinkedIn Developer Portal, create an app tied to a LinkedIn
//     Page and, on its Products tab, request the Community Management API
//     product, which grants rw_organization_admin once LinkedIn approves
//     it.
//  2. Have a member sign in through the authorization code flow
//     (https://www.linkedin.com/oauth/v2/authorization with
//     scope=rw_organization_admin), or use the portal's OAuth token
//     generator, and keep the access token: LEADGEN_LINKEDIN_ACCESS_TOKEN.
//
// An access token lasts 60 days. Apps LinkedIn approves for programmatic
// refresh tokens get a refresh_token (valid 365 days from the member's
// authorization, however often it is used) with it. Given
// LEADGEN_LINKEDIN_REFRESH_TOKEN, LEADGEN_LINKEDIN_CLIENT_ID and
// LEADGEN_LINKEDIN_CLIENT_SECRET, the client renews the access token
// itself: POST https://www.linkedin.com/oauth/v2/accessToken with
// grant_type=refresh_token, a day before the token lapses (when its
// lifetime is known) and once after a 401. The access token may then be
// omitted: the first call mints one. When the refresh token lapses the
// member must authorize the app again. Without a refresh token, set
// LEADGEN_LINKEDIN_TOKEN_EXPIRES_AT so health reports the lapse: the
// provider turns DEGRADED a week before it (Client.Expiry).
//
// # Versions
//
// Every call sends the required LinkedIn-Version (YYYYMM, Config.Version,
// LEADGEN_LINKEDIN_VERSION) and X-Restli-Protocol-Version: 2.0.0 headers
// with the bearer token. LinkedIn releases a version every month and
// supports each for at least a year; a sunset version is refused with 426
// NONEXISTENT_VERSION ("Requested version ... is not active"), so the
// version must be raised at least yearly (see LinkedIn's Marketing API
// versioning and migrations pages for the dates).
//
// # Failures
//
// Failures are classified by Classify: 401 and 403 are auth, the 403
// message naming the permission the token lacks; a 429 naming a DAY
// limit waits until the daily quotas reset at midnight UTC (LinkedIn
// sends no rate-limit headers), any other 429 is short throttling met
// with backoffs, 5xx is transient. A renewal the token endpoint refuses
// is auth. A vanity name LinkedIn does not know is an empty answer, and
// a company none of whose candidate names exists is a NOT_FOUND result.
//
// The access token travels only in the Authorization header, the
// refresh token and client secret only in the renewal's form body; none
// appears in an error.
package linkedin
