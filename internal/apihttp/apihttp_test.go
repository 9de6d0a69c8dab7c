package apihttp

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/internal/failure"
)

// testSecret has characters a URL escapes, so both of its forms show.
const testSecret = "tok|3f1e+8c2a/9d4b"

// testAPI calls srv with the secret in the query and classifies by the
// status alone: 2xx usable, 429 rate limited for a minute, else permanent.
func testAPI(srv *httptest.Server) API {
	return API{
		Client:    srv.Client(),
		BaseURL:   srv.URL + "/v1",
		Secret:    testSecret,
		Timeout:   5 * time.Second,
		MaxBody:   1 << 10,
		Authorize: func(req *http.Request) { SetQuery(req, "token", testSecret) },
		Classify: func(status int, _ http.Header, body []byte) *failure.Error {
			switch {
			case status >= 200 && status < 300:
				return nil
			case status == http.StatusTooManyRequests:
				return &failure.Error{Class: failure.RateLimited, RetryAfter: time.Minute, Err: fmt.Errorf("http %d", status)}
			default:
				return failure.New(failure.Permanent, fmt.Errorf("http %d: %s", status, body))
			}
		},
	}
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// wantFailure fails unless err is a *failure.Error of class whose text
// has want and not the secret in either form.
func wantFailure(t *testing.T, err error, class failure.Class, want string) {
	t.Helper()
	var fe *failure.Error
	if !errors.As(err, &fe) || fe.Class != class {
		t.Fatalf("err = %v, want class %s", err, class)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want it to contain %q", err, want)
	}
	if msg := err.Error(); strings.Contains(msg, testSecret) || strings.Contains(msg, url.QueryEscape(testSecret)) {
		t.Fatalf("err carries the secret: %v", err)
	}
}

func TestGetSendsTheRequestAndDecodesAUsableAnswer(t *testing.T) {
	var got *http.Request
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		w.Header().Set("X-Quota", "7")
		_, _ = w.Write([]byte(`{"name":"ACME"}`))
	})
	var seen string
	a := testAPI(srv)
	a.Observe = func(h http.Header) { seen = h.Get("X-Quota") }
	var out struct{ Name string }
	if err := a.Get(context.Background(), "/companies", url.Values{"q": {"a&b c"}}, &out); err != nil {
		t.Fatal(err)
	}
	if out.Name != "ACME" || seen != "7" {
		t.Fatalf("decoded %+v, observed %q", out, seen)
	}
	if want := "/v1/companies?q=a%26b+c&token=" + url.QueryEscape(testSecret); got.RequestURI != want {
		t.Fatalf("request-target %q, want %q", got.RequestURI, want)
	}
	if got.Method != http.MethodGet || got.Header.Get("Accept") != "application/json" || got.UserAgent() != UserAgent {
		t.Fatalf("request %s with headers %v", got.Method, got.Header)
	}
}

func TestGetWithoutAQueryAddsNoQuestionMark(t *testing.T) {
	var uri string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		uri = r.RequestURI
		_, _ = w.Write([]byte(`{}`))
	})
	a := testAPI(srv)
	a.Authorize = func(req *http.Request) { req.Header.Set("Authorization", "Bearer "+testSecret) }
	var out struct{}
	if err := a.Get(context.Background(), "/me", nil, &out); err != nil || uri != "/v1/me" {
		t.Fatalf("get: %v, request-target %q", err, uri)
	}
}

func TestGetClassifiesAnAnswerWithTheProvidersRules(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/slow":
			w.WriteHeader(http.StatusTooManyRequests)
		default:
			// A server echoing the token, as sent and as in the URL.
			w.WriteHeader(http.StatusBadRequest)
			_, _ = fmt.Fprintf(w, "bad token %s (%s)", testSecret, r.URL.Query().Get("token"))
		}
	})
	err := testAPI(srv).Get(context.Background(), "/slow", nil, new(any))
	wantFailure(t, err, failure.RateLimited, "get /slow: http 429")
	if failure.RetryAfterOf(err) != time.Minute {
		t.Fatalf("RetryAfter = %s, want the classifier's minute", failure.RetryAfterOf(err))
	}
	err = testAPI(srv).Get(context.Background(), "/bad", nil, new(any))
	wantFailure(t, err, failure.Permanent, "get /bad: http 400: bad token [redacted] ([redacted])")
}

func TestAUsableAnswerThatDoesNotDecodeIsABadResponse(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/long" {
			_, _ = w.Write([]byte(`{"name":"` + strings.Repeat("x", 2<<10) + `"}`))
			return
		}
		_, _ = w.Write([]byte(`<html>`))
	})
	var out struct{ Name string }
	wantFailure(t, testAPI(srv).Get(context.Background(), "/html", nil, &out), failure.BadResponse, "decode /html")
	wantFailure(t, testAPI(srv).Get(context.Background(), "/long", nil, &out), failure.BadResponse, "decode /long")
}

func TestATimeoutIsTransientAndStillATimeout(t *testing.T) {
	srv := serve(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	a := testAPI(srv)
	a.Timeout = 20 * time.Millisecond
	err := a.Get(context.Background(), "/hang", nil, new(any))
	wantFailure(t, err, failure.Transient, "get /hang")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want it to wrap the deadline", err)
	}
}

func TestARefusedConnectionIsTransientAndNamesNoURL(t *testing.T) {
	srv := serve(t, func(http.ResponseWriter, *http.Request) {})
	a := testAPI(srv)
	srv.Close()
	err := a.Get(context.Background(), "/companies", url.Values{"q": {"acme"}}, new(any))
	wantFailure(t, err, failure.Transient, "get /companies: ")
	if strings.Contains(err.Error(), "q=acme") {
		t.Fatalf("err quotes the URL: %v", err)
	}
}

func TestATransportErrorQuotingTheTokenIsScrubbed(t *testing.T) {
	// net/http quotes a Location it cannot parse, here with the token.
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/%zz?"+r.URL.RawQuery+"&raw="+testSecret)
		w.WriteHeader(http.StatusFound)
	})
	err := testAPI(srv).Get(context.Background(), "/moved", nil, new(any))
	wantFailure(t, err, failure.Transient, "failed to parse Location header")
	if !strings.Contains(err.Error(), Redacted) {
		t.Fatalf("err = %v, want the token replaced", err)
	}
}

func TestABodyCutShortIsTransient(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "100")
		_, _ = w.Write([]byte(`{"name":`))
	})
	wantFailure(t, testAPI(srv).Get(context.Background(), "/cut", nil, new(any)), failure.Transient, "read /cut")
}

func TestShortenCutsWithoutSplittingARune(t *testing.T) {
	tests := []struct {
		name, in string
		limit    int
		want     string
	}{
		{"text within the limit stays", "not found", 9, "not found"},
		{"a long text is cut and marked", "abcdef", 3, "abc..."},
		{"a rune across the cut is dropped whole", "ab€cd", 3, "ab..."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shorten(tt.in, tt.limit)
			if got != tt.want || !utf8.ValidString(got) {
				t.Fatalf("Shorten(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestQuoteEndsAMessageWithTheShortenedTextOrNothing(t *testing.T) {
	tests := []struct{ in, want string }{{"", ""}, {"abc", ": abc"}, {"abcdef", ": abc..."}}
	for _, tt := range tests {
		if got := Quote(tt.in, 3); got != tt.want {
			t.Errorf("Quote(%q, 3) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStartsWithTagSeesAPageBehindSpace(t *testing.T) {
	for body, want := range map[string]bool{" \n<html>": true, "<!DOCTYPE html>": true, `{"a":"<b>"}`: false, "": false} {
		if got := StartsWithTag([]byte(body)); got != want {
			t.Errorf("StartsWithTag(%q) = %t, want %t", body, got, want)
		}
	}
}

func TestOtherSecretsAreScrubbedLikeTheCredential(t *testing.T) {
	const signature, key = "5e1f0c9a7b3d", "key+of/the|app"
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, "bad proof %s for %s, key %s (%s)", r.URL.Query().Get("proof"), testSecret, key, url.QueryEscape(key))
	})
	a := testAPI(srv)
	a.OtherSecrets = []string{signature, key, ""}
	a.Authorize = func(req *http.Request) {
		SetQuery(req, "token", testSecret)
		SetQuery(req, "proof", signature)
	}
	err := a.Get(context.Background(), "/bad", nil, new(any))
	wantFailure(t, err, failure.Permanent, "bad proof [redacted] for [redacted], key [redacted] ([redacted])")
}

func TestASecretHoldingAnotherIsHiddenWhole(t *testing.T) {
	a := API{Secret: "app-id|" + testSecret, OtherSecrets: []string{testSecret}}
	if got := a.scrub("token app-id|" + testSecret); got != "token "+Redacted {
		t.Fatalf("scrub = %q, want the whole token hidden", got)
	}
}

func TestPostFormSendsTheFormAndReturnsTheScrubbedAnswer(t *testing.T) {
	var got *http.Request
	var form url.Values
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		_ = r.ParseForm()
		form = r.PostForm
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"error":"invalid_grant %s"}`, r.PostForm.Get("token"))
	})
	a := testAPI(srv)
	status, body, err := a.PostForm(context.Background(), "/token", url.Values{"token": {testSecret}})
	if err != nil || status != http.StatusBadRequest || string(body) != `{"error":"invalid_grant [redacted]"}` {
		t.Fatalf("PostForm = %d, %q, %v", status, body, err)
	}
	if got.Method != http.MethodPost || got.URL.Path != "/v1/token" || form.Get("token") != testSecret || got.URL.RawQuery != "" {
		t.Fatalf("request %s %s with form %v", got.Method, got.URL, form)
	}
	if got.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || got.UserAgent() != UserAgent {
		t.Fatalf("request headers %v", got.Header)
	}
}

func TestPostFormWithoutAnAnswerReturnsTheRedactedError(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {})
	srv.Close()
	a := testAPI(srv)
	a.BaseURL += "/" + url.PathEscape(testSecret)
	_, _, err := a.PostForm(context.Background(), "/token", nil)
	if err == nil || strings.Contains(err.Error(), "/v1/") || strings.Contains(err.Error(), url.PathEscape(testSecret)) {
		t.Fatalf("err = %v, want the call's error without its URL", err)
	}
}
