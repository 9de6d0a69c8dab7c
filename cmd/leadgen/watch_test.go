package main

import (
	"strings"
	"testing"
)

// watchCmd runs leadgen watch with args and returns its output.
func watchCmd(t *testing.T, addr string, args ...string) (string, error) {
	t.Helper()
	root := newRoot()
	root.SetArgs(append(append([]string{"watch"}, args...), "--brokers", addr))
	var out, errs strings.Builder
	root.SetOut(&out)
	root.SetErr(&errs)
	err := root.Execute()
	return out.String(), err
}

func TestWatchAddListAndRemoveEditTheWatchlist(t *testing.T) {
	addr, _ := testBroker(t)
	if _, err := watchCmd(t, addr, "add", "1234567", "sc123456"); err != nil {
		t.Fatalf("watch add: %v", err)
	}
	out, err := watchCmd(t, addr, "list")
	if err != nil || !strings.Contains(out, "01234567  cli") || !strings.Contains(out, "SC123456  cli") {
		t.Fatalf("watch list after add: %v\n%s\nwant 01234567 and SC123456, normalised, from cli", err, out)
	}
	if _, err := watchCmd(t, addr, "remove", "01234567"); err != nil {
		t.Fatalf("watch remove: %v", err)
	}
	out, err = watchCmd(t, addr, "list", "--output", "json")
	if err != nil || strings.Contains(out, "01234567") || !strings.Contains(out, `"company_number":"SC123456"`) {
		t.Fatalf("watch list after remove: %v\n%s\nwant SC123456 alone", err, out)
	}
}

func TestWatchAddRefusesWhatIsNotACompanyNumber(t *testing.T) {
	addr, _ := testBroker(t)
	_, err := watchCmd(t, addr, "add", "01234567", "acme")
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), `"acme" is not a company number`) {
		t.Fatalf("err = %v; want exit 2 naming acme", err)
	}
	out, err := watchCmd(t, addr, "list")
	if err != nil || strings.Contains(out, "01234567") {
		t.Errorf("watch list: %v\n%s\nwant nothing added when one number is bad", err, out)
	}
}

func TestTheWatchRoleWithoutAStreamKeyIsAUsageErrorNamingTheVariable(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	t.Setenv("LEADGEN_COMPANIES_HOUSE_STREAM_KEY", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--brokers", "127.0.0.1:1", "--roles", "watch"}, "LEADGEN_COMPANIES_HOUSE_STREAM_KEY"},
		{[]string{"run", "--brokers", "127.0.0.1:1", "--roles", "watch", "--sandbox", "--watch-streams", "filings"}, "filings"},
	} {
		code, err := execute(t, tc.args...)
		if code != 2 || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: exit %d, %v; want exit 2 naming %s", tc.args, code, err, tc.want)
		}
	}
}
