// Package facebook is the facebook provider: a client of the Graph API
// that finds a company's Facebook Page (GET /pages/search?q=) and reads
// its fields (GET /{page-id}?fields=name,about,website,emails,phone,
// single_line_address,location,category,link,username,fan_count,
// followers_count,verification_status) as company facts: name, website,
// address, with the page's verification and website as evidence.
//
// Company facts only, no people: a Page does not list its company's
// officers, and Graph gives an app no people search.
//
// Reading Pages an app does not manage needs the Page Public Metadata
// Access (or Page Public Content Access) feature. The access token (an
// app token, "app-id|app-secret", or a system user's) travels in the
// access_token query parameter, as Graph expects, and is scrubbed from
// every error. The caller reads it from LEADGEN_FACEBOOK_ACCESS_TOKEN or
// the file named by LEADGEN_FACEBOOK_ACCESS_TOKEN_FILE. With the app's
// secret (Config.AppSecret, from LEADGEN_FACEBOOK_APP_SECRET or
// LEADGEN_FACEBOOK_APP_SECRET_FILE), every call also carries
// appsecret_proof, the hex HMAC-SHA256 of the token keyed with the
// secret, which an app with "Require App Secret" on (Meta's advice)
// demands; the proof and the secret are scrubbed from errors like the
// token. A call refused for its proof is auth.
//
// Failures are classified by Classify: Graph reports throttling as error
// codes (4, 17, 32, 613, 80000–80014), usually with HTTP 400, waiting as
// X-Business-Use-Case-Usage estimates; code 190 is auth. The latest
// X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage readings are
// kept (Client.Usage) so a limiter can slow down before Graph refuses.
package facebook
