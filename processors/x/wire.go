package x

import (
	"encoding/json"
	"strings"
)

// responseBody is the part of any X API answer that says whether it
// worked: data, a partial or total errors array, or an RFC 7807 problem.
type responseBody struct {
	Data   json.RawMessage `json:"data"`
	Errors []apiError      `json:"errors"`
	Title  string          `json:"title"`
	Detail string          `json:"detail"`
	Type   string          `json:"type"`
}

// apiError is one entry of an errors array: a v2 problem, or a v1.1
// {"code","message"}.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Title   string `json:"title"`
	Detail  string `json:"detail"`
	Type    string `json:"type"`
}

func (b responseBody) hasData() bool {
	d := strings.TrimSpace(string(b.Data))
	return d != "" && d != "null"
}

// message is the problem's detail or title, else the first error's.
func (b responseBody) message() string {
	for _, s := range []string{b.Detail, b.Title} {
		if s != "" {
			return s
		}
	}
	for _, e := range b.Errors {
		for _, s := range []string{e.Detail, e.Message, e.Title} {
			if s != "" {
				return s
			}
		}
	}
	return ""
}

// messageOf quotes a body that may or may not be a problem.
func messageOf(body []byte) string {
	var b responseBody
	if json.Unmarshal(body, &b) != nil {
		return ""
	}
	return b.message()
}

// user is the part of a v2 user object the client reads.
type user struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Username     string `json:"username"`
	Description  string `json:"description"`
	URL          string `json:"url"`
	Verified     bool   `json:"verified"`
	VerifiedType string `json:"verified_type"`
	Entities     struct {
		URL struct {
			URLs []struct {
				URL         string `json:"url"`
				ExpandedURL string `json:"expanded_url"`
			} `json:"urls"`
		} `json:"url"`
	} `json:"entities"`
}

// usersPage is the users lookup answer; unknown handles are in its
// errors, which Classify has read already.
type usersPage struct {
	Data []user `json:"data"`
}

// searchPage is a recent search answer with its authors expanded.
type searchPage struct {
	Data []struct {
		ID       string `json:"id"`
		AuthorID string `json:"author_id"`
	} `json:"data"`
	Includes struct {
		Users []user `json:"users"`
	} `json:"includes"`
}

// website is the account's website: the expanded form of its url, which
// the API writes as a t.co link.
func (u user) website() string {
	for _, e := range u.Entities.URL.URLs {
		if e.ExpandedURL != "" {
			return e.ExpandedURL
		}
	}
	return u.URL
}
