package x

import (
	"testing"

	"github.com/leadgen/leadgen/internal/providertest"
)

// FuzzClassify checks that every answer, however malformed, is usable or
// classified, asks for no negative wait, and quotes the API briefly.
func FuzzClassify(f *testing.F) {
	f.Add(400, `{"1":[{"estimated_time_to_regain_access":1e300}]}`, []byte(`{"error":{"code":4}}`))
	providertest.FuzzClassify(f, Classify, maxAPIMessage)
}
