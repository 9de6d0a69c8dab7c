package sandbox

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox/linkedin"
)

func TestALinkedInTokenWithoutThePermissionIsAccessDenied(t *testing.T) {
	s := newServer(t, Config{})
	tests := []struct {
		name, target, want string
	}{
		{"the vanity finder names its finder and version", "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets",
			`{"status":403,"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not enough permissions to access: organizations.FINDER-vanityName.20260701"}`},
		{"a lookup by id names GET", "/linkedin/rest/organizations/1",
			`{"status":403,"serviceErrorCode":100,"code":"ACCESS_DENIED","message":"Not enough permissions to access: organizations.GET.20260701"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := call(t, s, tt.target, LinkedInNoPermissionPrefix+"member-token")
			wantStatus(t, rec, http.StatusForbidden)
			wantBody(t, rec, tt.want)
		})
	}
}

func TestADeniedLinkedInCallSpendsNoQuota(t *testing.T) {
	s := newServer(t, Config{Quotas: map[string]Quota{ProviderLinkedIn: {Limit: 1, Window: DefaultRateWindow}}})
	target := "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets"
	wantStatus(t, call(t, s, target, LinkedInNoPermissionPrefix+"t"), http.StatusForbidden)
	wantStatus(t, call(t, s, target, LinkedInNoPermissionPrefix+"t"), http.StatusForbidden)
	if got := s.QuotaRefusals(ProviderLinkedIn); got != 0 {
		t.Fatalf("quota refusals = %d, want 0: permission is checked before the quota", got)
	}
}

// refresh posts a refresh grant to the token endpoint; a field "" is left
// out of the form.
func refresh(t *testing.T, s http.Handler, grantType, refreshToken, clientID, clientSecret string) *httptest.ResponseRecorder {
	t.Helper()
	form := url.Values{}
	for k, v := range map[string]string{"grant_type": grantType, "refresh_token": refreshToken, "client_id": clientID, "client_secret": clientSecret} {
		if v != "" {
			form.Set(k, v)
		}
	}
	req := httptest.NewRequest(http.MethodPost, LinkedInTokenPath, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return newRecorder(s, req)
}

func TestTheLinkedInTokenEndpointIssuesTokensForARefreshToken(t *testing.T) {
	s := newServer(t, Config{})
	first := decode[linkedin.Grant](t, refresh(t, s, "refresh_token", "member-refresh", "app", "secret"))
	second := decode[linkedin.Grant](t, refresh(t, s, "refresh_token", "member-refresh", "app", "secret"))
	if first.AccessToken == "" || first.AccessToken == second.AccessToken || first.ExpiresIn != 5184000 ||
		first.RefreshToken != "member-refresh" || first.RefreshTokenExpiresIn != 31536000 || first.Scope != "rw_organization_admin" {
		t.Fatalf("grants %+v and %+v, want new 60-day tokens for the 365-day refresh token", first, second)
	}
	rec := call(t, s, "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets", first.AccessToken)
	wantStatus(t, rec, http.StatusOK)

	denied := decode[linkedin.Grant](t, refresh(t, s, "refresh_token", LinkedInNoPermissionPrefix+"r", "app", "secret"))
	if !strings.HasPrefix(denied.AccessToken, LinkedInNoPermissionPrefix) || denied.Scope == "rw_organization_admin" {
		t.Fatalf("grant %+v, want a token that still lacks the permission", denied)
	}
}

func TestTheLinkedInTokenEndpointRefusesAsLinkedInDoes(t *testing.T) {
	s := newServer(t, Config{})
	tests := []struct {
		name                          string
		grant, refreshTok, id, secret string
		status                        int
		want                          string
	}{
		{"a missing grant type is named", "", "r", "app", "secret", 400,
			`{"error":"invalid_request","error_description":"A required parameter \"grant_type\" is missing"}`},
		{"a missing refresh token is named", "refresh_token", "", "app", "secret", 400,
			`{"error":"invalid_request","error_description":"A required parameter \"refresh_token\" is missing"}`},
		{"a missing client id is named", "refresh_token", "r", "", "secret", 400,
			`{"error":"invalid_request","error_description":"A required parameter \"client_id\" is missing"}`},
		{"the refresh token 'invalid' is invalid, expired or revoked", "refresh_token", "invalid", "app", "secret", 400,
			`{"error":"invalid_request","error_description":"The provided authorization grant or refresh token is invalid, expired or revoked"}`},
		{"the client secret 'invalid' fails client authentication", "refresh_token", "r", "app", "invalid", 401,
			`{"error":"invalid_client","error_description":"Client authentication failed"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := refresh(t, s, tt.grant, tt.refreshTok, tt.id, tt.secret)
			wantStatus(t, rec, tt.status)
			wantBody(t, rec, tt.want)
		})
	}
}
