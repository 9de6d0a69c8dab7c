package facebook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// proofParam is the query parameter carrying the proof, beside
// access_token.
const proofParam = "appsecret_proof"

// appSecretProof is the appsecret_proof of a Graph call made with token by
// the app whose secret is appSecret: the hex HMAC-SHA256 of the token keyed
// with the secret
// (https://developers.facebook.com/docs/graph-api/securing-requests). It
// is as much a secret as the token: with it, a stolen token works from
// anywhere.
func appSecretProof(appSecret, token string) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write([]byte(token))
	return hex.EncodeToString(mac.Sum(nil))
}

// proof is the client's appsecret_proof, or "" when it has no app secret
// and so sends none.
func (c Config) proof() string {
	if c.AppSecret == "" {
		return ""
	}
	return appSecretProof(c.AppSecret, c.AccessToken)
}
