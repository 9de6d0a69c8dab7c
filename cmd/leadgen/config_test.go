package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/processors/registry"
)

// configFile writes a configuration file for one test.
func configFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leadgen.yaml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAConfigFileSetsFlagsBelowTheEnvironmentAndTheCommandLine reads the
// value --output took from the error a bad value gives, so no broker is
// needed: the file's value when nothing else sets it, the environment's
// over it, the command line's over both.
func TestAConfigFileSetsFlagsBelowTheEnvironmentAndTheCommandLine(t *testing.T) {
	path := configFile(t, "brokers: 127.0.0.1:1\noutput: from-file\nroles: all\n")
	code, err := execute(t, "leads", "--config", path)
	if code != 2 || !strings.Contains(err.Error(), "from-file") {
		t.Fatalf("leads --config: %v (exit %d); want the file's --output refused", err, code)
	}
	t.Setenv("LEADGEN_OUTPUT", "from-env")
	if code, err = execute(t, "leads", "--config", path); code != 2 || !strings.Contains(err.Error(), "from-env") {
		t.Fatalf("with LEADGEN_OUTPUT: %v (exit %d); want the environment's value", err, code)
	}
	if code, err = execute(t, "leads", "--config", path, "--output", "from-flag"); code != 2 || !strings.Contains(err.Error(), "from-flag") {
		t.Fatalf("with --output: %v (exit %d); want the command line's value", err, code)
	}
	t.Setenv("LEADGEN_CONFIG", path)
	if code, err = execute(t, "leads", "--output", "from-flag"); code != 2 || !strings.Contains(err.Error(), "from-flag") {
		t.Fatalf("LEADGEN_CONFIG: %v (exit %d)", err, code)
	}
}

func TestAConfigFileThatCannotApplyIsAUsageError(t *testing.T) {
	t.Setenv("LEADGEN_BROKERS", "127.0.0.1:1")
	tests := []struct{ name, text, says string }{
		{"a key no command has", "brokerz: a:9092\n", `"brokerz" is no flag of any leadgen command`},
		{"a value the flag refuses", "max-in-flight: many\n", "max-in-flight"},
		{"a provider the registry lacks", "providers:\n  crunchbase:\n    timeout: 1s\n", `no provider "crunchbase"`},
		{"a setting the provider lacks", "providers:\n  x:\n    version: \"2\"\n", `provider x has no setting "version"`},
		{"a quota that does not parse", "providers:\n  companies_house:\n    quota: lots\n", "companies_house quota"},
		{"not YAML", "providers: [\n", "configuration file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := execute(t, "run", "--sandbox", "--config", configFile(t, tt.text))
			if code != 2 || !strings.Contains(err.Error(), tt.says) {
				t.Fatalf("run --config: %v (exit %d); want exit 2 saying %s", err, code, tt.says)
			}
		})
	}
	code, err := execute(t, "run", "--sandbox", "--provider-setting", "x.timeout=soon")
	if code != 2 || !strings.Contains(err.Error(), `x timeout "soon"`) {
		t.Fatalf("--provider-setting x.timeout=soon: %v (exit %d)", err, code)
	}
	code, err = execute(t, "run", "--sandbox", "--provider-setting", "x-timeout")
	if code != 2 || !strings.Contains(err.Error(), "NAME.KEY=VALUE") {
		t.Fatalf("--provider-setting x-timeout: %v (exit %d)", err, code)
	}
}

func TestTheExampleConfigurationFileFitsRun(t *testing.T) {
	const path = "../../examples/config/leadgen.yaml"
	f, err := settings.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	run, _, err := newRoot().Find([]string{"run"})
	if err != nil {
		t.Fatal(err)
	}
	for key := range f.Flags {
		if run.Flags().Lookup(key) == nil {
			t.Errorf("%s sets %q, which leadgen run does not have", path, key)
		}
	}
	if err := (&settings.Source{File: f}).Check(registry.All()); err != nil {
		t.Fatal(err)
	}
}
