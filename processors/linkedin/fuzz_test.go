package linkedin

import (
	"testing"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/providertest"
)

// FuzzClassify checks that every answer, however malformed, is usable or
// classified, asks for no negative wait, and quotes the API briefly.
func FuzzClassify(f *testing.F) {
	f.Add(429, "", []byte(`{"status":429,"serviceErrorCode":101,"code":"TOO_MANY_REQUESTS","message":"Resource level throttle APPLICATION DAY limit for calls to this resource is reached."}`))
	providertest.FuzzClassify(f, Classify, apihttp.MaxMessage)
}
