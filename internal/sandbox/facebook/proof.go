package facebook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
)

// proofParam is the query parameter carrying the proof.
const proofParam = "appsecret_proof"

// proofRefusal is the error body of a call whose proof the app's
// setting refuses, or "" when the call may go on: without
// FacebookAppSecret no proof is required, and none is checked.
func (s *server) proofRefusal(q url.Values, token string) string {
	if s.appSecret == "" {
		return ""
	}
	sent := q.Get(proofParam)
	switch {
	case sent == "":
		return ProofMissingBody
	case !proofMatches(s.appSecret, token, sent):
		return ProofInvalidBody
	}
	return ""
}

// proofMatches reports whether sent is the hex HMAC-SHA256 of token
// keyed with secret, compared in constant time.
func proofMatches(secret, token, sent string) bool {
	got, err := hex.DecodeString(sent)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(token))
	return hmac.Equal(got, mac.Sum(nil))
}
