package pipeline

import (
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/internal/settings"
)

// TestAProvidersOwnTimeoutWinsOverTheGlobalOneAndTheGlobalIsTheDefault
// builds the x client with and without an operator's x timeout: set (by
// flag or by configuration file, above or below the global one) it
// bounds x's attempts; unset, --provider-timeout does.
func TestAProvidersOwnTimeoutWinsOverTheGlobalOneAndTheGlobalIsTheDefault(t *testing.T) {
	const global = 15 * time.Second
	file, err := settings.Parse([]byte("providers:\n  x:\n    timeout: 5s\n"))
	if err != nil {
		t.Fatal(err)
	}
	none := func(string) string { return "" }
	for _, tc := range []struct {
		name string
		src  *settings.Source
		want time.Duration
	}{
		{"no x timeout anywhere leaves the global one", &settings.Source{Getenv: none}, global},
		{"an x timeout on the command line, longer than the global, wins", &settings.Source{Getenv: none,
			Flags: map[string]map[string]string{"x": {"timeout": "20s"}}}, 20 * time.Second},
		{"an x timeout in the configuration file, shorter than the global, wins", &settings.Source{Getenv: none, File: file}, 5 * time.Second},
		{"a companies_house timeout does not touch x", &settings.Source{Getenv: none,
			Flags: map[string]map[string]string{"companies_house": {"timeout": "20s"}}}, global},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := Providers([]string{"x"}, Deps{Sandbox: &Sandbox{URL: "http://127.0.0.1:1" + sandbox.XPrefix}, Settings: tc.src})
			if err != nil {
				t.Fatal(err)
			}
			if got := AttemptTimeout(ps["x"], global); got != tc.want {
				t.Errorf("x attempt timeout %s, want %s", got, tc.want)
			}
		})
	}
}
