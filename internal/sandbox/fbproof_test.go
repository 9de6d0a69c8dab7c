package sandbox

import (
	"net/http"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/facebook"
)

// The proofs of sandbox-token and another-token under sandbox-app-secret
// and another-secret: hex HMAC-SHA256 computed outside Go, so the sandbox
// is checked against the formula, not against itself.
const (
	fbTestSecret           = "sandbox-app-secret"
	fbTestProof            = "1b6da06614b46940143cddb599881fa839a8968a679ba837ff0596e07113acd7"
	fbProofOfAnotherSecret = "8cf727864209e79a35aa6169cbcd7526989ab3b301b76fb8cfa237c1c7f3705a"
	fbProofOfAnotherToken  = "9314af2b49ae8ef272355943049a505d13a9d1ef0d428aaf408476aa92243e41"
)

func TestGraphRequiresAnAppSecretProofOnlyWhenTheSandboxKnowsTheSecret(t *testing.T) {
	const search = "/facebook/v25.0/pages/search?q=acme&access_token="
	tests := []struct {
		name   string
		secret string
		target string
		status int
		body   string // "" for any
	}{
		{"without an app secret a call without a proof is served", "", search + "sandbox-token", 200, ""},
		{"without an app secret a proof is not checked", "", search + "sandbox-token&appsecret_proof=junk", 200, ""},
		{"with an app secret a call without a proof is refused as Graph refuses it", fbTestSecret, search + "sandbox-token", 400, facebook.ProofMissingBody},
		{"with an app secret an empty proof is a missing one", fbTestSecret, search + "sandbox-token&appsecret_proof=", 400, facebook.ProofMissingBody},
		{"a proof made from the app secret and the token is served", fbTestSecret, search + "sandbox-token&appsecret_proof=" + fbTestProof, 200, ""},
		{"a proof made from another secret is invalid", fbTestSecret, search + "sandbox-token&appsecret_proof=" + fbProofOfAnotherSecret, 400, facebook.ProofInvalidBody},
		{"a proof made for another token is invalid", fbTestSecret, search + "sandbox-token&appsecret_proof=" + fbProofOfAnotherToken, 400, facebook.ProofInvalidBody},
		{"a proof that is not hex is invalid", fbTestSecret, search + "sandbox-token&appsecret_proof=not-hex", 400, facebook.ProofInvalidBody},
		{"the token 'invalid' is refused for the token before its proof", fbTestSecret, search + "invalid", 400, facebook.BadTokenBody},
		{"a call without a token is refused for the token before its proof", fbTestSecret, "/facebook/v25.0/pages/search?q=acme", 400, facebook.NoTokenBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, newServer(t, Config{FacebookAppSecret: tt.secret}), tt.target, "")
			wantStatus(t, rec, tt.status)
			if tt.body != "" {
				wantBody(t, rec, tt.body)
			}
		})
	}
}

func TestACallRefusedForItsProofSpendsNoQuota(t *testing.T) {
	s := newServer(t, Config{FacebookAppSecret: fbTestSecret,
		Quotas: map[string]Quota{ProviderFacebook: {Limit: 1, Window: time.Hour}}})
	const search = "/facebook/v25.0/pages/search?q=acme&access_token=sandbox-token"
	wantStatus(t, get(t, s, search, ""), http.StatusBadRequest)
	wantStatus(t, get(t, s, search+"&appsecret_proof="+fbProofOfAnotherSecret, ""), http.StatusBadRequest)
	wantStatus(t, get(t, s, search+"&appsecret_proof="+fbTestProof, ""), http.StatusOK)
}
