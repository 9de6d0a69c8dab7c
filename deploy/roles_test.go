package deploy

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chstream"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/schemas"
)

// providerRoles are the provider roles a deployment runs, each with its
// workload and service: every provider enabled by default (the registry's
// Defaults). An opt-in provider (companies_house_appointments) is run by
// adding an overlay like the others and naming it in LEADGEN_PROVIDERS.
var providerRoles = pipeline.Defaults

// role is one leadgen process a deployment runs: where it is defined, the
// command it runs and its environment (names to values).
type role struct {
	where   string
	command string
	env     map[string]string
	// files are the directories its credential files are mounted in (k8s)
	// or the compose secrets it is given.
	files []string
}

// k8sRoles are the processes of the rendered manifests: every workload and
// Job container, with the ConfigMap keys it loads.
func k8sRoles(t *testing.T) []role {
	t.Helper()
	objs := manifests(t)
	cfg := configData(t, objs)
	var out []role
	for _, o := range byKind(objs, "Deployment", "StatefulSet", "Job") {
		pod := get(o.doc, "spec", "template", "spec")
		secretVolumes := map[string]bool{}
		for _, v := range list(pod, "volumes") {
			if str(v, "secret", "secretName") == "leadgen-credentials" {
				secretVolumes[str(v, "name")] = true
			}
		}
		for _, c := range list(pod, "containers") {
			r := role{where: o.String(), command: command(list(c, "args")), env: map[string]string{}}
			if str(c, "envFrom", "0", "configMapRef", "name") == "leadgen-config" {
				for k, v := range cfg {
					r.env[k] = str(v)
				}
			}
			for name, e := range envOf(c) {
				r.env[name] = str(e, "value")
			}
			for _, m := range list(c, "volumeMounts") {
				if secretVolumes[str(m, "name")] {
					r.files = append(r.files, str(m, "mountPath"))
				}
			}
			out = append(out, r)
		}
	}
	return out
}

// composeRoles are the leadgen services of compose.yaml (those built from
// its image), with the secrets each is given and each variable's default.
func composeRoles(t *testing.T) []role {
	t.Helper()
	services := mapping(loadYAML(t, "compose/compose.yaml")[0], "services")
	var out []role
	for _, name := range slices.Sorted(maps.Keys(services)) {
		svc := services[name]
		if !strings.HasPrefix(str(svc, "image"), "${LEADGEN_IMAGE") {
			continue
		}
		r := role{where: "compose service " + name, command: command(list(svc, "command")), env: map[string]string{}}
		for k, v := range mapping(svc, "environment") {
			r.env[k] = composeVar.ReplaceAllString(str(v), "$1") // the default
		}
		for _, s := range list(svc, "secrets") {
			r.files = append(r.files, str(s))
		}
		out = append(out, r)
	}
	return out
}

// command is a leadgen command line's subcommand, its words before the
// first flag: "run", "topics apply".
func command(args []any) string {
	var words []string
	for _, a := range args {
		if strings.HasPrefix(str(a), "-") {
			break
		}
		words = append(words, str(a))
	}
	return strings.Join(words, " ")
}

// byRole groups the processes that run `run` by their LEADGEN_ROLES.
func byRole(roles []role) map[string][]role {
	out := map[string][]role{}
	for _, r := range roles {
		if r.command == "run" {
			out[r.env["LEADGEN_ROLES"]] = append(out[r.env["LEADGEN_ROLES"]], r)
		}
	}
	return out
}

// TestEveryProviderRoleHasAWorkloadAndAComposeService: every provider role,
// the aggregator and the watch role each have exactly one workload and one
// compose service (the watch role's runs one process: see
// TestK8sRolesHaveProbesPDBsAndScaling).
func TestEveryProviderRoleHasAWorkloadAndAComposeService(t *testing.T) {
	for _, deployment := range []struct {
		name  string
		roles []role
	}{
		{"deploy/k8s", k8sRoles(t)},
		{"deploy/compose", composeRoles(t)},
	} {
		t.Run(deployment.name, func(t *testing.T) {
			got := byRole(deployment.roles)
			for _, want := range append(slices.Clone(providerRoles), pipeline.RoleAggregator, pipeline.RoleWatch) {
				if len(got[want]) != 1 {
					t.Errorf("role %s: %d processes run it, want 1", want, len(got[want]))
				}
			}
			for name, rs := range got {
				if name != pipeline.RoleAggregator && name != pipeline.RoleWatch && !slices.Contains(providerRoles, name) {
					t.Errorf("%s runs role %q, which is no provider role", rs[0].where, name)
				}
				for _, r := range rs {
					enabled := strings.Split(r.env["LEADGEN_PROVIDERS"], ",")
					if !sameSet(enabled, providerRoles) {
						t.Errorf("%s: LEADGEN_PROVIDERS %v, want every provider role %v", r.where, enabled, providerRoles)
					}
				}
			}
		})
	}
}

// roleCredentials are the credential files a role cannot run without,
// beyond the providers' that every role is given: the watch role's stream
// key.
var roleCredentials = map[string][]string{
	pipeline.RoleWatch: {pipeline.StreamKeyEnv + "_FILE"},
}

// TestEveryRoleReadsEveryCredentialFile: a process enables only the
// providers it has credentials for, and every process must enable the same
// ones, so every role, the aggregator too, is given the same credential
// files, each mounted from the Secret (k8s) or a compose secret. A role
// that needs a credential of its own (roleCredentials) is given it too.
func TestEveryRoleReadsEveryCredentialFile(t *testing.T) {
	for _, roles := range [][]role{k8sRoles(t), composeRoles(t)} {
		for name, rs := range byRole(roles) {
			for _, r := range rs {
				for _, want := range roleCredentials[name] {
					if _, ok := credentialFiles(r)[want]; !ok {
						t.Errorf("%s: role %s needs %s, which it is not given", r.where, name, want)
					}
				}
			}
		}
	}
	keys := mapping(loadYAML(t, "k8s/secret.example.yaml")[0], "stringData")
	for _, r := range k8sRoles(t) {
		for name, path := range credentialFiles(r) {
			if !slices.Contains(r.files, filepath.Dir(path)) || keys[filepath.Base(path)] == nil {
				t.Errorf("%s: %s=%s is not a key of secret.example.yaml mounted from leadgen-credentials", r.where, name, path)
			}
		}
	}
	defined := mapping(loadYAML(t, "compose/compose.yaml")[0], "secrets")
	for _, r := range composeRoles(t) {
		for name, path := range credentialFiles(r) {
			secret, ok := strings.CutPrefix(path, "/run/secrets/")
			if !ok || !slices.Contains(r.files, secret) || defined[secret] == nil {
				t.Errorf("%s: %s=%s is not one of its secrets", r.where, name, path)
			}
		}
	}
	for _, roles := range [][]role{k8sRoles(t), composeRoles(t)} {
		var first *role
		for _, rs := range byRole(roles) {
			for _, r := range rs {
				if first == nil {
					first = &r
				}
				if !sameSet(slices.Collect(maps.Keys(credentialFiles(r))), slices.Collect(maps.Keys(credentialFiles(*first)))) {
					t.Errorf("%s and %s read different credential files", r.where, first.where)
				}
			}
		}
	}
}

// credentialFiles are a role's *_FILE variables.
func credentialFiles(r role) map[string]string {
	out := map[string]string{}
	for k, v := range r.env {
		if strings.HasSuffix(k, "_FILE") {
			out[k] = v
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// goRuntimeEnv are the variables the Go runtime itself reads.
var goRuntimeEnv = map[string]bool{"GOMEMLIMIT": true, "GOGC": true, "GOMAXPROCS": true}

// TestDeployNamesOnlyEnvTheCodeReads: every variable a Kubernetes workload
// or compose service sets is a flag of the command it runs (docs/CLI.md,
// generated from the code), a provider setting the code is seen to read,
// or one of the Go runtime's.
func TestDeployNamesOnlyEnvTheCodeReads(t *testing.T) {
	flags := flagEnv(t)
	unknown := map[string][]string{}
	for _, r := range append(k8sRoles(t), composeRoles(t)...) {
		if _, ok := flags[r.command]; !ok {
			t.Errorf("%s runs %q, which docs/CLI.md does not document", r.where, r.command)
		}
		for name := range r.env {
			if !flags[r.command][name] && !goRuntimeEnv[name] {
				unknown[name] = append(unknown[name], r.where)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(unknown)) {
		t.Run(name, func(t *testing.T) {
			if !providerReads(t, name) {
				t.Errorf("%s is set by %v, but leadgen never reads it", name, unknown[name])
			}
		})
	}
}

// flagEnv are the environment variables of each command's flags, from
// docs/CLI.md (kept current by cmd/leadgen's TestTheReferenceIsCurrent).
func flagEnv(t *testing.T) map[string]map[string]bool {
	t.Helper()
	raw, err := os.ReadFile("../docs/CLI.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("^\\| `--[a-z0-9-]+` \\| `([A-Z0-9_]+)` \\|")
	out := map[string]map[string]bool{}
	var cmd string
	for _, line := range strings.Split(string(raw), "\n") {
		if c, ok := strings.CutPrefix(line, "## leadgen "); ok {
			cmd = c
			out[cmd] = map[string]bool{}
		}
		if m := row.FindStringSubmatch(line); m != nil && cmd != "" {
			out[cmd][m[1]] = true
		}
	}
	return out
}

// providerReads reports whether building and using the provider clients
// reads name, judged by its effect: a *_FILE credential makes a provider,
// a secondary source or the Graph app secret available; a *_URL sends a
// lookup to the server it names.
func providerReads(t *testing.T, name string) bool {
	switch {
	case name == pipeline.StreamKeyEnv+"_FILE":
		return streamKeyRead(t, name)
	case name == pipeline.StreamURLEnv:
		return streamReaches(t, name)
	case strings.HasSuffix(name, "_FILE"):
		before := credentialed(t)
		file := filepath.Join(t.TempDir(), "credential")
		if err := os.WriteFile(file, []byte("deploy-test-credential"), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv(name, file)
		return len(credentialed(t)) > len(before)
	case strings.HasSuffix(name, "_URL"):
		return lookupReaches(t, name)
	}
	return false
}

// credentialed are the providers, secondary sources and optional secrets
// the environment has credentials for.
func credentialed(t *testing.T) []string {
	t.Helper()
	avail, _, err := pipeline.Available(providerRoles, pipeline.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	secondaries, _, err := pipeline.Secondaries(providerRoles, pipeline.Deps{})
	if err != nil {
		t.Fatal(err)
	}
	out := append(avail, slices.Collect(maps.Keys(secondaries))...)
	if s, err := pipeline.FacebookAppSecret(); err != nil || s != "" {
		out = append(out, pipeline.FacebookAppSecretEnv)
	}
	return out
}

// lookupReaches sets name to a local server's URL, looks a company up with
// every provider and secondary source (the rest pointed at a sandbox
// address nothing listens on), and says whether any call reached it.
func lookupReaches(t *testing.T, name string) bool {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Setenv(name, srv.URL)
	deps := pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: "http://127.0.0.1:9"}}
	providers, err := pipeline.Providers(providerRoles, deps)
	if err != nil {
		t.Fatal(err)
	}
	secondaries, _, err := pipeline.Secondaries(providerRoles, deps)
	if err != nil {
		t.Fatal(err)
	}
	number, domain := "01234567", "acme.example"
	req := &schemas.CompanyRequest{RequestID: "deploy-test", CompanyName: "Acme Ltd", CompanyNumber: &number, Domain: &domain}
	for _, p := range append(slices.Collect(maps.Values(providers)), slices.Collect(maps.Values(secondaries))...) {
		_, _ = p.Lookup(context.Background(), req) // the call, not its answer, is the proof
	}
	return calls.Load() > 0
}

// streamKeyRead reports whether a stream key in the file name names makes
// the watch role's stream client available.
func streamKeyRead(t *testing.T, name string) bool {
	if _, err := pipeline.StreamClient(pipeline.Deps{}); err == nil {
		t.Fatalf("the stream client is available before %s is set", name)
	}
	file := filepath.Join(t.TempDir(), "stream-key")
	if err := os.WriteFile(file, []byte("deploy-test-stream-key"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(name, file)
	_, err := pipeline.StreamClient(pipeline.Deps{})
	return err == nil
}

// streamReaches sets name to a local server's URL and says whether the
// watch role's stream client connects to it.
func streamReaches(t *testing.T, name string) bool {
	// A client that never reads name keeps reconnecting elsewhere: give up
	// on it after a while.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		cancel()
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Setenv(name, srv.URL)
	c, err := pipeline.StreamClient(pipeline.Deps{Sandbox: &pipeline.Sandbox{URL: "http://127.0.0.1:9"}})
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Follow(ctx, chstream.Officers, 0, func(*chstream.Event) error { return nil })
	return calls.Load() > 0
}
