package apihttp

import (
	"math"
	"net/http"
	"testing"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

func TestSetDefaultsFillsTheZeroSettings(t *testing.T) {
	var s Settings
	s.SetDefaults("https://api.example/v1")
	if s.BaseURL != "https://api.example/v1" || s.Timeout != DefaultTimeout || s.MatchThreshold != DefaultMatchThreshold || s.HTTPClient == nil {
		t.Fatalf("defaults = %+v", s)
	}
	tr, ok := s.HTTPClient.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost != maxIdlePerHost || tr.MaxIdleConns != 0 || tr == http.DefaultTransport {
		t.Fatalf("transport = %#v, want a clone keeping %d idle connections per host", s.HTTPClient.Transport, maxIdlePerHost)
	}
	if err := s.Check("acme"); err != nil {
		t.Fatalf("Check of the defaults = %v", err)
	}
}

func TestSetDefaultsKeepsWhatIsSetAndTrimsTheBaseURL(t *testing.T) {
	client := &http.Client{}
	s := Settings{BaseURL: "http://127.0.0.1:8081/acme//", Timeout: time.Second, MatchThreshold: 0.5, HTTPClient: client}
	s.SetDefaults("https://api.example")
	if s.BaseURL != "http://127.0.0.1:8081/acme" || s.Timeout != time.Second || s.MatchThreshold != 0.5 || s.HTTPClient != client {
		t.Fatalf("settings = %+v", s)
	}
}

func TestCheckNamesTheProviderInEveryMessage(t *testing.T) {
	tests := []struct {
		name string
		s    Settings
		want string
	}{
		{"good settings pass", Settings{Timeout: time.Second, MatchThreshold: 1}, ""},
		{"a zero timeout", Settings{MatchThreshold: 0.85}, "acme timeout must be positive, got 0s"},
		{"a threshold above 1", Settings{Timeout: time.Second, MatchThreshold: 1.2}, "acme match threshold must be within (0, 1], got 1.2"},
		{"a threshold of NaN", Settings{Timeout: time.Second, MatchThreshold: math.NaN()}, "acme match threshold must be within (0, 1], got NaN"},
		{"a negative cost", Settings{Timeout: time.Second, MatchThreshold: 0.5, CostPerCall: -1}, "acme cost per call must not be negative, got -1"},
		{"every fault, in order", Settings{Timeout: -time.Second, MatchThreshold: -1, CostPerCall: math.NaN()},
			"acme timeout must be positive, got -1s\nacme match threshold must be within (0, 1], got -1\nacme cost per call must not be negative, got NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errText(tt.s.Check("acme")); got != tt.want {
				t.Fatalf("Check = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckBaseURLQuotesTheURLWithoutItsQuery(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"https://api.example/v1", ""},
		{"http://127.0.0.1:8081/acme", ""},
		{"", `acme base url "" must be an absolute http(s) url without a query`},
		{"/acme", `acme base url "/acme" must be an absolute http(s) url without a query`},
		{"ftp://api.example", `acme base url "ftp://api.example" must be an absolute http(s) url without a query`},
		{"https:///v1", `acme base url "https:///v1" must be an absolute http(s) url without a query`},
		{"https://api.example/v1?token=" + testSecret, `acme base url "https://api.example/v1" must be an absolute http(s) url without a query`},
		{"http://%zz?token=" + testSecret, `acme base url "http://%zz" must be an absolute http(s) url without a query`},
	}
	for _, tt := range tests {
		if got := errText(CheckBaseURL("acme", tt.raw)); got != tt.want {
			t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestIsHTTPURLAllowsAQuery(t *testing.T) {
	for raw, want := range map[string]bool{"https://api.example/v1?x=1": true, "http://h": true, "/rel": false, "ftp://h": false, "https://": false} {
		if got := IsHTTPURL(raw); got != want {
			t.Errorf("IsHTTPURL(%q) = %t, want %t", raw, got, want)
		}
	}
}

func TestCheckCredentialRefusesABlankOne(t *testing.T) {
	const missing = "acme key is required: set LEADGEN_ACME_KEY or LEADGEN_ACME_KEY_FILE"
	for _, cred := range []string{"", " \t\n"} {
		if got := errText(CheckCredential(cred, missing)); got != missing {
			t.Errorf("CheckCredential(%q) = %q, want %q", cred, got, missing)
		}
	}
	if err := CheckCredential("k", missing); err != nil {
		t.Errorf("CheckCredential of a key = %v", err)
	}
}

// errText is err's text, "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestSetConnTakesTheWiringsSettingsAndPrice(t *testing.T) {
	client := &http.Client{}
	setting := map[string]string{provider.CostPerCall: "0.25"}
	conn := provider.Conn{URL: "http://127.0.0.1:8081/acme", HTTPClient: client, Timeout: time.Second,
		Setting: func(key string) string { return setting[key] }}
	var s Settings
	if err := s.SetConnPriced(conn); err != nil {
		t.Fatal(err)
	}
	if s.BaseURL != conn.URL || s.HTTPClient != client || s.Timeout != time.Second || s.CostPerCall != 0.25 {
		t.Fatalf("settings = %+v", s)
	}
	setting[provider.CostPerCall] = "-1"
	if err := s.SetConnPriced(conn); err == nil {
		t.Fatal("SetConnPriced took a negative price")
	}
	var unpriced Settings
	unpriced.SetConn(conn)
	if unpriced.BaseURL != conn.URL || unpriced.HTTPClient != client || unpriced.Timeout != time.Second || unpriced.CostPerCall != 0 {
		t.Fatalf("SetConn = %+v", unpriced)
	}
}

func TestAPIIsWhatTheSettingsPointAt(t *testing.T) {
	var s Settings
	s.SetDefaults("https://api.example/v1/")
	a := s.API("secret", 10, nil, ClassifyStatus)
	if a.BaseURL != s.BaseURL || a.Timeout != s.Timeout || a.Client != s.HTTPClient || a.Secret != "secret" || a.MaxBody != 10 {
		t.Fatalf("API = %+v", a)
	}
}

func TestCheckWithReportsTheCredentialTheBaseURLAndTheSettings(t *testing.T) {
	s := Settings{BaseURL: "https://api.example/v1", Timeout: DefaultTimeout, MatchThreshold: DefaultMatchThreshold}
	if err := s.CheckWith("acme", "key", "acme key is required"); err != nil {
		t.Fatalf("CheckWith = %v, want nil", err)
	}
	s.BaseURL, s.Timeout = "ftp://api.example", 0
	err := s.CheckWith("acme", " ", "acme key is required")
	want := "acme key is required\n" +
		`acme base url "ftp://api.example" must be an absolute http(s) url without a query` + "\n" +
		"acme timeout must be positive, got 0s"
	if err == nil || err.Error() != want {
		t.Fatalf("CheckWith = %v, want\n%s", err, want)
	}
}
