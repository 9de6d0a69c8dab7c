package apihttp

import "net/http"

// BasicAuth sends key as the HTTP Basic user name with no password, as
// Companies House takes its API key.
func BasicAuth(key string) func(*http.Request) {
	return func(req *http.Request) { req.SetBasicAuth(key, "") }
}

// Bearer sends token in an Authorization: Bearer header.
func Bearer(token string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+token) }
}

// QueryToken sends value as the query parameter name, for an API that
// takes its credential in the URL; the API's Secret scrubs it from errors.
func QueryToken(name, value string) func(*http.Request) {
	return func(req *http.Request) { SetQuery(req, name, value) }
}

// API is the JSON API the settings point at (base URL, timeout and HTTP
// client), called with secret, which authorize sends and every error is
// scrubbed of, reading at most maxBody of an answer and classifying it
// with classify. BaseURL, Timeout and HTTPClient must be set.
func (s Settings) API(secret string, maxBody int64, authorize func(*http.Request), classify ClassifyFunc) API {
	return API{Client: s.HTTPClient, BaseURL: s.BaseURL, Secret: secret, Timeout: s.Timeout,
		MaxBody: maxBody, Authorize: authorize, Classify: classify}
}
