package settings

import (
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

var spec = provider.Spec{Name: "acme", Timeout: 10 * time.Second,
	Quota:    provider.Quota{Calls: 600, Period: 5 * time.Minute},
	Settings: []provider.Setting{{Key: "version", Default: "202607"}}}

// shared calls another API with its key, so it has no quota of its own.
var shared = provider.Spec{Name: "acme_detail", Timeout: time.Second, Quota: provider.Quota{Key: "acme"}}

func env(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }

func TestTheCommandLineWinsOverTheEnvironmentWhichWinsOverTheFile(t *testing.T) {
	file := &File{Providers: map[string]map[string]string{"acme": {"version": "from-file", "timeout": "30s"}}}
	flags := map[string]map[string]string{"acme": {"version": "from-flag"}}
	tests := []struct {
		name string
		src  *Source
		want string
	}{
		{"nothing set is the Spec's default", &Source{Getenv: env(nil)}, "202607"},
		{"the file over the default", &Source{File: file, Getenv: env(nil)}, "from-file"},
		{"the environment over the file", &Source{File: file, Getenv: env(map[string]string{"LEADGEN_ACME_VERSION": "from-env"})}, "from-env"},
		{"the command line over the environment", &Source{File: file, Flags: flags,
			Getenv: env(map[string]string{"LEADGEN_ACME_VERSION": "from-env"})}, "from-flag"},
	}
	for _, tt := range tests {
		if got := tt.src.Lookup(spec, "version"); got != tt.want {
			t.Errorf("%s: version = %q, want %q", tt.name, got, tt.want)
		}
	}
	if d, err := (&Source{File: file, Getenv: env(nil)}).TimeoutOf(spec); err != nil || d != 30*time.Second {
		t.Errorf("TimeoutOf = %v, %v; want the file's 30s", d, err)
	}
	if d, err := (*Source)(nil).TimeoutOf(spec); err != nil || d != spec.Timeout {
		t.Errorf("TimeoutOf with no source = %v, %v; want the Spec's %v", d, err, spec.Timeout)
	}
}

func TestQuotaSettings(t *testing.T) {
	tests := []struct {
		raw     string
		calls   int
		period  time.Duration
		problem string
	}{
		{"300/15m", 300, 15 * time.Minute, ""},
		{"0/0", 0, 0, ""},
		{"1/1s", 0, 0, "at least 2"},
		{"10/0s", 0, 0, "duration"},
		{"ten/1m", 0, 0, "whole number"},
		{"10/soon", 0, 0, "period"},
		{"600", 0, 0, "CALLS/PERIOD"},
	}
	for _, tt := range tests {
		q, err := ParseQuota(tt.raw)
		switch {
		case tt.problem == "" && (err != nil || q.Calls != tt.calls || q.Period != tt.period):
			t.Errorf("ParseQuota(%q) = %+v, %v; want %d/%v", tt.raw, q, err, tt.calls, tt.period)
		case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
			t.Errorf("ParseQuota(%q) = %v; want an error saying %q", tt.raw, err, tt.problem)
		}
	}
	q, set, err := (&Source{Getenv: env(map[string]string{"LEADGEN_ACME_QUOTA": "100/1m"})}).QuotaOf(spec)
	if err != nil || !set || q.Calls != 100 || q.Period != time.Minute {
		t.Errorf("QuotaOf = %+v, %v, %v; want the environment's 100/1m", q, set, err)
	}
}

func TestCheckNamesEverySettingThatCannotApply(t *testing.T) {
	src := &Source{
		Flags: map[string]map[string]string{"acme": {"timeout": "soon"}, "nosuch": {"timeout": "1s"}},
		File:  &File{Providers: map[string]map[string]string{"acme": {"versoin": "1"}, "acme_detail": {"quota": "10/1m"}}},
	}
	err := src.Check([]provider.Spec{spec, shared})
	for _, want := range []string{`acme timeout "soon"`, `no provider "nosuch"`, `provider acme has no setting "versoin"`,
		`provider acme_detail has no setting "quota"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check = %v; want it to say %s", err, want)
		}
	}
	if err := (&Source{Flags: map[string]map[string]string{"acme": {"quota": "0/0", "version": "x"}}}).Check([]provider.Spec{spec}); err != nil {
		t.Errorf("Check of good settings = %v", err)
	}
}

func TestAFileGivesFlagValuesAndProviderBlocks(t *testing.T) {
	f, err := Parse([]byte("brokers: a:9092,b:9092\nretry-tiers: [10s, 1m]\nstatic-membership: true\nproviders:\n  acme:\n    timeout: 20s\n    version: 202611\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"brokers": "a:9092,b:9092", "retry-tiers": "10s,1m", "static-membership": "true"}
	for k, v := range want {
		if f.Flags[k] != v {
			t.Errorf("%s = %q, want %q", k, f.Flags[k], v)
		}
	}
	if f.Providers["acme"]["timeout"] != "20s" || f.Providers["acme"]["version"] != "202611" {
		t.Errorf("providers = %v", f.Providers)
	}
	for _, bad := range []string{"brokers: {a: 1}\n", "providers:\n  acme:\n    timeout: [[1]]\n", "providers: [x]\n", ": :\n"} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) took it", bad)
		}
	}
	if f, err := Parse(nil); err != nil || len(f.Flags) != 0 {
		t.Errorf("an empty file = %+v, %v", f, err)
	}
}
