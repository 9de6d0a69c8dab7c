package sandbox_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/leadgen/leadgen/internal/sandbox"
)

// A test points a provider client at the sandbox's prefix and picks its
// company from the dataset.
func Example() {
	srv, err := sandbox.New(sandbox.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	company := sandbox.Companies()[0]
	req, _ := http.NewRequest(http.MethodGet, ts.URL+sandbox.CompaniesHousePrefix+"/company/"+company.Number, nil)
	req.SetBasicAuth("any-key-but-invalid", "")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(company.Name, resp.StatusCode, resp.Header.Get(sandbox.SandboxHeader))
	fmt.Println("calls:", srv.Calls(sandbox.CompaniesHousePrefix+"/"))
	// Output:
	// ACME WIDGETS LIMITED 200 true
	// calls: 1
}
