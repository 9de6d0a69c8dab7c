package main

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestVersionPrintsTheReleaseSetAtBuildTime(t *testing.T) {
	defer func(v string) { version = v }(version)
	for _, tc := range []struct {
		name, set, want string
	}{
		{"a plain build prints what its build information says", "", "leadgen version " + versionString() + "\n"},
		{"a release build prints the version given with -ldflags -X main.version", "v1.4.0", "leadgen version v1.4.0\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			version = tc.set
			root := newRoot()
			var out strings.Builder
			root.SetOut(&out)
			root.SetArgs([]string{"--version"})
			if err := root.Execute(); err != nil || out.String() != tc.want {
				t.Fatalf("--version printed %q (err %v), want %q", out.String(), err, tc.want)
			}
		})
	}
}

func TestABuildFromACheckoutNamesItsCommit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     string
	}{
		{"a clean checkout names the commit", []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}, " (0123456789ab)"},
		{"uncommitted changes are marked dirty", []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}, " (0123456789ab+dirty)"},
		{"a build without a VCS stamp names none", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := revision(tc.settings); got != tc.want {
				t.Fatalf("revision = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAnUnknownCommandIsAUsageError(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"an unknown command is refused with a suggestion", []string{"tpics"}, `unknown command "tpics" for "leadgen" (did you mean topics?)`},
		{"an unknown topics command is refused", []string{"topics", "lst"}, `unknown command "lst" for "leadgen topics" (did you mean list?)`},
		{"an unknown dlq command is refused", []string{"dlq", "purge"}, `unknown command "purge" for "leadgen dlq"`},
		{"an argument to a command that takes none is refused", []string{"topics", "list", "extra", "--brokers", "127.0.0.1:1"}, `unknown command "extra" for "leadgen topics list"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, err := execute(t, tc.args...)
			if err == nil || code != 2 {
				t.Fatalf("err = %v, exit %d; want a usage error (exit 2)", err, code)
			}
			if msg := oneLine(err); !strings.Contains(msg, tc.want) {
				t.Fatalf("error %q does not say %q", msg, tc.want)
			}
		})
	}
	if code, err := execute(t, "topics"); code != 0 || err != nil {
		t.Fatalf("topics alone: exit %d, %v; want its help", code, err)
	}
}

func TestRunWithTheSandboxLogsTheSandboxURL(t *testing.T) {
	bin := buildBinary(t)
	addr, _ := testBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run, logged := start(t, ctx, bin, true, `"msg":"sandbox provider APIs"`, "run", "--brokers", addr, "--sandbox", "--roles", "companies_house")
	var line struct {
		Msg       string
		URL       string
		InProcess bool `json:"in_process"`
	}
	if err := json.Unmarshal([]byte(logged), &line); err != nil {
		t.Fatalf("log line %q: %v", logged, err)
	}
	if line.Msg != "sandbox provider APIs" || !line.InProcess || !strings.HasPrefix(line.URL, "http://127.0.0.1:") {
		t.Fatalf("run --sandbox did not log its sandbox's URL: last line %+v", line)
	}
	resp, err := http.Get(line.URL)
	if err != nil {
		t.Fatalf("the logged sandbox URL %s does not answer: %v", line.URL, err)
	}
	resp.Body.Close()
	stopProcess(t, run)
}
