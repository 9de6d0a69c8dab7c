package x

import (
	"testing"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/providertest"
)

// FuzzClassify checks that every answer, however malformed, is usable or
// classified, asks for no negative wait, and quotes the API briefly.
func FuzzClassify(f *testing.F) {
	f.Add(429, "1767225600", []byte(`{"title":"Too Many Requests","type":"about:blank","status":429,"detail":"Too Many Requests"}`))
	providertest.FuzzClassify(f, Classify, apihttp.MaxMessage)
}
