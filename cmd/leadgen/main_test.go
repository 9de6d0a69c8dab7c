package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// execute runs the CLI in-process and returns its exit status and error.
func execute(t *testing.T, args ...string) (int, error) {
	t.Helper()
	root := newRoot()
	root.SetArgs(args)
	root.SetOut(new(strings.Builder))
	root.SetErr(new(strings.Builder))
	err := root.Execute()
	if err == nil {
		return 0, nil
	}
	return exitCode(err), err
}

func TestBadInputGetsAOneLineErrorAndAUsageExitStatus(t *testing.T) {
	t.Setenv("REDIS_URL", "") // CI sets one; these cases give --redis themselves or need none
	bad := filepath.Join(t.TempDir(), "requests.txt")
	if err := os.WriteFile(bad, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"request without brokers is refused", []string{"request", "--name", "Acme Ltd"}, "no brokers"},
		{"request without a name or file is refused", []string{"request", "--brokers", "127.0.0.1:1"}, "--name"},
		{"a malformed company number is refused", []string{"request", "--brokers", "127.0.0.1:1", "--name", "Acme", "--number", "12AB"}, "company_number"},
		{"an unknown provider is refused", []string{"request", "--brokers", "127.0.0.1:1", "--name", "Acme", "--providers", "myspace"}, "myspace"},
		{"a file of unknown type is refused", []string{"request", "--brokers", "127.0.0.1:1", "--file", bad}, ".txt"},
		{"a missing file is refused", []string{"request", "--brokers", "127.0.0.1:1", "--file", "/nonexistent/r.csv"}, "no such file"},
		{"--file with --name is refused", []string{"request", "--brokers", "127.0.0.1:1", "--file", bad, "--name", "x"}, "cannot be combined"},
		{"a company name of 161 characters is refused before sending", []string{"request", "--brokers", "127.0.0.1:1", "--name", strings.Repeat("n", 161)},
			"company_name too long: 161 characters, the limit is 160"},
		{"a metadata address as domain is refused before sending", []string{"request", "--brokers", "127.0.0.1:1", "--name", "Acme", "--domain", "169.254.169.254"}, "invalid domain"},
		{"a path as company number is refused before sending", []string{"request", "--brokers", "127.0.0.1:1", "--number", "../../etc/passwd"}, "invalid company_number"},
		{"a broker without a port is refused", []string{"leads", "--brokers", "localhost"}, "host:port"},
		{"an unknown output format is refused", []string{"leads", "--brokers", "127.0.0.1:1", "--output", "xml"}, "table, jsonl, json or csv"},
		{"decreasing retry tiers are refused", []string{"topics", "apply", "--brokers", "127.0.0.1:1", "--retry-tiers", "1m,10s"}, "increase"},
		{"an erasure bound shorter than the longest retry tier is refused", []string{"topics", "apply", "--brokers", "127.0.0.1:1", "--erasure-bound", "5m"}, "--erasure-bound"},
		{"an erasure bound under a minute is refused by the broker", []string{"broker", "--erasure-bound", "10s", "--retry-tiers", "1s"}, "--erasure-bound"},
		{"an unknown role is refused", []string{"run", "--brokers", "127.0.0.1:1", "--roles", "scraper"}, "scraper"},
		{"an unimplemented provider is refused", []string{"run", "--brokers", "127.0.0.1:1", "--providers", "myspace"}, "myspace"},
		{"a bad sandbox error rate is refused", []string{"sandbox", "--sandbox-error-rate", "2"}, "0..1"},
		{"an unknown flag is refused", []string{"leads", "--colour"}, "unknown flag"},
		{"an unknown fault kind is refused", []string{"sandbox", "--sandbox-fault", "companies_house:gremlins=0.1"}, "gremlins"},
		{"a fault rate above 1 is refused", []string{"sandbox", "--sandbox-fault", "companies_house:timeout=1.5"}, "timeout"},
		{"a fault for an unknown provider is refused", []string{"sandbox", "--sandbox-fault", "myspace:timeout=0.5"}, "myspace"},
		{"a negative count of first calls rate limited is refused", []string{"sandbox", "--sandbox-fault", "x:first_calls_rate_limited=-1"}, "first calls"},
		{"a count of first calls that is not a number is refused", []string{"sandbox", "--sandbox-fault", "x:first_calls_rate_limited=two"}, "whole number"},
		{"a retry after that is not a duration is refused", []string{"sandbox", "--sandbox-fault", "x:retry_after=soon"}, "retry_after"},
		{"a sandbox quota without a period is refused", []string{"sandbox", "--sandbox-quota", "x=300"}, "CALLS/PERIOD"},
		{"a sandbox quota with a bad period is refused", []string{"sandbox", "--sandbox-quota", "x=300/soon"}, "period"},
		{"a sandbox quota for a website is refused", []string{"sandbox", "--sandbox-quota", "website=10/1m"}, "website"},
		{"a sandbox quota for an unknown provider is refused", []string{"sandbox", "--sandbox-quota", "myspace=10/1m"}, "myspace"},
		{"a bad sandbox quota is refused by run too", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--sandbox-quota", "x=many/1m"}, "--sandbox-quota"},
		{"an unknown schema is refused", []string{"schemas", "Nope"}, "Nope"},
		{"erase with neither a company nor a person is refused", []string{"erase", "--brokers", "127.0.0.1:1"}, "--person NAME"},
		{"erase of a person at a blank company is refused", []string{"erase", "--brokers", "127.0.0.1:1", "--person", "x", "--company", " "}, "--company is blank"},
		{"a website user agent without a contact URL is refused", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--website-user-agent", "leadgen/1.0"}, "--website-user-agent"},
		{"a website user agent without the product token leadgen is refused", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--website-user-agent", "acmebot/1.0 (+https://acme.example/bot)"}, "product token"},
		{"static membership without an instance id is refused", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--static-membership"}, "--instance-id"},
		{"a session timeout a broker refuses is refused", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--session-timeout", "2s"}, "group.min.session.timeout.ms"},
		{"Redis TLS files without a Redis URL are refused", []string{"run", "--brokers", "127.0.0.1:1", "--sandbox", "--redis-tls-ca", "ca.pem"}, "need --redis"},
		{"a malformed Redis URL is refused without its password", []string{"erase", "--brokers", "127.0.0.1:1", "--company", "1", "--redis", "redis://:hunter2@host:port/0"}, "--redis"},
		{"confluent framing without a schema registry is refused", []string{"request", "--brokers", "127.0.0.1:1", "--name", "Acme", "--value-framing", "confluent"}, "--schema-registry"},
		{"a schema registry URL with credentials is refused without them", []string{"leads", "--brokers", "127.0.0.1:1", "--schema-registry", "http://u:hunter2@127.0.0.1:1"}, "credentials do not belong in the URL"},
		{"erase of a blank person is refused", []string{"erase", "--brokers", "127.0.0.1:1", "--person", "  "}, "empty person"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, err := execute(t, tc.args...)
			if err == nil || code != 2 {
				t.Fatalf("err = %v, exit %d; want a usage error (exit 2)", err, code)
			}
			if msg := oneLine(err); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Fatalf("error %q does not say %q on one line", msg, tc.want)
			}
		})
	}
}

func TestEveryFlagCanComeFromItsEnvironmentVariable(t *testing.T) {
	t.Setenv("LEADGEN_OUTPUT", "xml")
	t.Setenv("LEADGEN_BROKERS", "127.0.0.1:1")
	code, err := execute(t, "leads")
	if code != 2 || !strings.Contains(err.Error(), "xml") {
		t.Fatalf("LEADGEN_OUTPUT was not applied: %v", err)
	}
	t.Setenv("LEADGEN_MAX_IN_FLIGHT", "many")
	code, err = execute(t, "run")
	if code != 2 || !strings.Contains(err.Error(), "LEADGEN_MAX_IN_FLIGHT") {
		t.Fatalf("a bad env value was not reported by name: %v", err)
	}
}

func TestEnvNamesFollowTheFlagNames(t *testing.T) {
	for flag, want := range map[string]string{"brokers": "LEADGEN_BROKERS", "metrics-addr": "LEADGEN_METRICS_ADDR", "redis": "REDIS_URL"} {
		if got := EnvName(flag); got != want {
			t.Errorf("EnvName(%q) = %q, want %q", flag, got, want)
		}
	}
}

func TestAnUnreachableClusterIsAnErrorNotAHang(t *testing.T) {
	for _, args := range [][]string{
		{"request", "--name", "Acme Ltd"},
		{"leads"},
		{"dlq", "list"},
		{"status"},
	} {
		code, err := execute(t, append(args, "--brokers", "127.0.0.1:1", "--timeout", "300ms")...)
		if err == nil || code != 1 || !strings.Contains(err.Error(), "127.0.0.1:1") {
			t.Errorf("%v: err = %v, exit %d; want a runtime error naming the broker", args, err, code)
		}
	}
}

func TestUsageErrorsAreDistinctFromRuntimeErrors(t *testing.T) {
	if exitCode(errors.New("broker down")) != 1 || exitCode(usagef("bad")) != 2 {
		t.Fatal("exit codes do not tell usage errors from failures")
	}
}
