package apihttp

import (
	"bytes"
	"errors"
	"net/url"
	"slices"
	"strings"
)

// Redacted replaces the credential wherever it would appear in an error.
const Redacted = "[redacted]"

// MaxMessage bounds an API's own error text quoted in an error.
const MaxMessage = 200

// Quote is an API's own error text as the end of an error message: ": "
// and msg shortened to limit bytes, or "" when msg is empty.
func Quote(msg string, limit int) string {
	if msg == "" {
		return ""
	}
	return ": " + Shorten(msg, limit)
}

// Shorten cuts an API's own error text to limit bytes, marked with "...",
// without splitting a UTF-8 rune; text within limit is left as it is.
func Shorten(msg string, limit int) string {
	if len(msg) <= limit {
		return msg
	}
	return strings.ToValidUTF8(msg[:limit], "") + "..."
}

// redact drops the *url.Error layer, whose text is the whole URL (with
// the credential, for an API taking it in the query), and scrubs the
// credential from the rest; errors.Is and errors.As still see the
// original.
func (a API) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := a.scrub(err.Error())
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}

func (a API) scrub(s string) string {
	for _, f := range a.secretForms() {
		s = strings.ReplaceAll(s, f, Redacted)
	}
	return s
}

// scrubBody hides a credential a server echoes back, before any of the
// body is classified, quoted or decoded.
func (a API) scrubBody(body []byte) []byte {
	for _, f := range a.secretForms() {
		body = bytes.ReplaceAll(body, []byte(f), []byte(Redacted))
	}
	return body
}

// secretForms are the credential and the other secrets as sent and as
// they read inside a URL, longest first: one secret may hold another (an
// app token "app-id|app-secret" holds the app secret), and the longer is
// hidden whole before the shorter is replaced inside it. None when there
// is nothing to hide.
func (a API) secretForms() []string {
	var forms []string
	for _, s := range append([]string{a.Secret}, a.OtherSecrets...) {
		if s != "" {
			forms = append(forms, s, url.QueryEscape(s))
		}
	}
	slices.SortStableFunc(forms, func(x, y string) int { return len(y) - len(x) })
	return forms
}

// redactedError is an error with the credential scrubbed from its text.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
