//go:build ci

package deploy

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// This file runs in CI only (go test -tags ci ./deploy/, after .ci/run
// installs promtool): it needs promtool, which a machine with only Go lacks.

// TestDashboardQueriesParse hands every dashboard query to promtool as a
// recording rule, so a PromQL typo fails here rather than on a blank panel.
func TestDashboardQueriesParse(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		t.Fatal("promtool not installed: apt-get install prometheus")
	}
	exprs := dashboardExprs(loadDashboard(t))
	keys := make([]string, 0, len(exprs))
	for k := range exprs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("groups:\n  - name: dashboard\n    rules:\n")
	for i, k := range keys {
		q, _ := json.Marshal(exprs[k]) // a JSON string is a YAML string
		fmt.Fprintf(&b, "      - record: dashboard:query:%d\n        expr: %s\n", i, q)
	}
	path := filepath.Join(t.TempDir(), "dashboard-rules.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(promtool, "check", "rules", path).CombinedOutput()
	if err != nil {
		t.Errorf("promtool rejects a dashboard query: %v\n%s\nqueries in order: %q", err, out, keys)
	}
}
