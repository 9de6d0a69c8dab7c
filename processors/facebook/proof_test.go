package facebook

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
)

// testAppSecret has characters a URL escapes, so a leak in either form
// shows; testProof is its proof of testToken, computed outside Go.
const (
	testAppSecret = "fb-sentinel-app-secret+/=&"
	testProof     = "0609662365a265e483b204876a2b674136cc2ec3676f045925e71577dfd6cee0"
)

func TestEveryCallCarriesTheAppSecretProofOnlyWithAnAppSecret(t *testing.T) {
	for _, tt := range []struct {
		name, secret, proof string
	}{
		{"with an app secret every call carries its proof of the token", testAppSecret, testProof},
		{"without an app secret no call carries a proof", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, map[string]http.HandlerFunc{"/pages/search": body(200, acmeSearch), "/104912345678901": body(200, fixture(t, "page.json"))})
			c, err := New(Config{AccessToken: testToken, AppSecret: tt.secret, Settings: apihttp.Settings{BaseURL: g.URL}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Lookup(context.Background(), request("Acme Widgets", "")); err != nil {
				t.Fatal(err)
			}
			for _, q := range g.got() {
				v, _ := url.ParseQuery(q[strings.Index(q, "?")+1:])
				if got, ok := v[proofParam]; (tt.proof == "") == ok || (ok && got[0] != tt.proof) {
					t.Fatalf("call %s: appsecret_proof %q, want %q", q, got, tt.proof)
				}
			}
		})
	}
}

func TestASandboxRequiringTheProofAdmitsOnlyItsOwnSecretsProof(t *testing.T) {
	tests := []struct {
		name          string
		sandboxSecret string
		clientSecret  string
		class         failure.Class // "" for a found Page
	}{
		{"a call without a proof is auth", testAppSecret, "", failure.Auth},
		{"a call with the proof of the app's secret is served", testAppSecret, testAppSecret, ""},
		{"a call with the proof of another secret is auth", testAppSecret, "fb-sentinel-wrong-secret", failure.Auth},
		{"a sandbox that requires no proof serves a call with one", "", testAppSecret, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := providertest.SandboxWith(t, sandbox.Config{FacebookAppSecret: tt.sandboxSecret}) + sandbox.FacebookPrefix
			c, err := New(Config{AccessToken: testToken, AppSecret: tt.clientSecret, Settings: apihttp.Settings{BaseURL: base}})
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.Lookup(context.Background(), request("ACME WIDGETS LIMITED", "acme-widgets.example"))
			if tt.class == "" {
				if err != nil || res.Company == nil {
					t.Fatalf("lookup = %+v, %v; want the Page", res, err)
				}
				return
			}
			wantClass(t, err, tt.class)
			wantNoProof(t, err, c.proof)
		})
	}
}

func TestTheProofAndTheAppSecretAppearInNoError(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		body(400, `{"error":{"message":"bad proof `+q.Get(proofParam)+` of `+testAppSecret+` (`+url.QueryEscape(testAppSecret)+`)","code":100}}`)(w, r)
	}
	tests := []struct {
		name    string
		handler http.HandlerFunc
		closed  bool
		class   failure.Class
	}{
		{"an error echoing the proof and the secret", echo, false, failure.Permanent},
		{"a transport error, whose URL holds the proof", nil, true, failure.Transient},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newFakeGraph(t, map[string]http.HandlerFunc{"/pages/search": tt.handler})
			if tt.closed {
				g.Close()
			}
			c, err := New(Config{AccessToken: testToken, AppSecret: testAppSecret, Settings: apihttp.Settings{BaseURL: g.URL}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Lookup(context.Background(), request("Acme Widgets", ""))
			wantClass(t, err, tt.class)
			wantNoProof(t, err, testProof)
		})
	}
}

// wantNoProof fails if err's text holds the proof; wantClass already
// looks for the token and the app secret, both "fb-sentinel".
func wantNoProof(t *testing.T, err error, proof string) {
	t.Helper()
	if proof != "" && strings.Contains(err.Error(), proof) {
		t.Fatalf("error text carries the appsecret_proof: %v", err)
	}
}
