// Package deploy holds no code: its tests check the deployment material in
// this folder (Kubernetes manifests, compose file, Prometheus rules, Grafana
// dashboard) so that `make test` catches a broken manifest, a probe on the
// wrong path, a literal credential, a KEDA object aimed at nothing, a
// provider role without its workload, or a dashboard or alert that names a
// metric leadgen does not export. The Kubernetes manifests are rendered by
// kustomize's own library, as `kubectl apply -k` renders them.
//
// promtool and docker-compose checks run in .ci/run; the test that needs
// promtool carries the build tag ci.
package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/pipeline"
	"go.yaml.in/yaml/v3"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// partitions is the default partition count of company-requests and
// discovery-results (leadgen topics apply --partitions); KEDA scaling past it
// only adds idle consumers.
const partitions = 6

// metricsPort is where --metrics-addr serves /metrics, /healthz and /readyz.
const metricsPort = 9100

type doc = map[string]any

// --- YAML helpers -----------------------------------------------------------

// loadYAML decodes every document of a YAML file, skipping empty ones.
func loadYAML(t *testing.T, path string) []doc {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var out []doc
	for i := 0; ; i++ {
		var d doc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("%s: document %d: %v", path, i+1, err)
		}
		if d != nil {
			out = append(out, d)
		}
	}
}

// get walks nested maps (string keys) and lists (numeric keys).
func get(v any, path ...string) any {
	for _, p := range path {
		switch m := v.(type) {
		case map[string]any:
			v = m[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(m) {
				return nil
			}
			v = m[i]
		default:
			return nil
		}
	}
	return v
}

func str(v any, path ...string) string {
	s, _ := get(v, path...).(string)
	return s
}

func list(v any, path ...string) []any {
	l, _ := get(v, path...).([]any)
	return l
}

func mapping(v any, path ...string) map[string]any {
	m, _ := get(v, path...).(map[string]any)
	return m
}

// --- the Kubernetes manifests ------------------------------------------------

type object struct {
	file string
	doc  doc
}

func (o object) kind() string { return str(o.doc, "kind") }
func (o object) name() string { return str(o.doc, "metadata", "name") }
func (o object) String() string {
	return fmt.Sprintf("%s %s (%s)", o.kind(), o.name(), o.file)
}

// manifests returns the objects `kubectl apply -k k8s` applies, rendered by
// kustomize itself, and fails on any YAML file in deploy/k8s that does not
// parse, or that no kustomization lists (the example Secret excepted).
func manifests(t *testing.T) []object {
	t.Helper()
	checkManifestFiles(t)
	fs := filesys.MakeFsOnDisk()
	rendered, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(fs, "k8s")
	if err != nil {
		t.Fatalf("kustomize build deploy/k8s: %v", err)
	}
	var out []object
	seen := map[string]bool{}
	for _, r := range rendered.Resources() {
		m, err := r.Map()
		if err != nil {
			t.Fatalf("%s: %v", r.CurId(), err)
		}
		o := object{"kustomize build k8s", m}
		key := o.kind() + "/" + o.name()
		if seen[key] {
			t.Errorf("%s defined twice", key)
		}
		seen[key] = true
		out = append(out, o)
	}
	return out
}

// checkManifestFiles fails on a YAML file under deploy/k8s that does not
// parse or lacks apiVersion, kind or metadata.name, and on one that no
// kustomization.yaml lists (or that one applies though it is an example).
func checkManifestFiles(t *testing.T) {
	t.Helper()
	listed, configs := map[string]bool{}, map[string]bool{}
	var files []string
	err := filepath.WalkDir("k8s", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".yaml" {
			return err
		}
		switch filepath.Base(path) {
		case "kustomization.yaml":
			k := loadYAML(t, path)
			if len(k) != 1 || str(k[0], "kind") != "Kustomization" {
				t.Fatalf("%s: want one Kustomization", path)
			}
			for _, r := range list(k[0], "resources") {
				listed[filepath.Join(filepath.Dir(path), r.(string))] = true
			}
			for _, c := range list(k[0], "configurations") {
				configs[filepath.Join(filepath.Dir(path), c.(string))] = true
			}
		default:
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if configs[f] {
			continue // kustomize's own configuration, not an object
		}
		example := strings.HasSuffix(f, ".example.yaml")
		switch {
		case example && listed[f]:
			t.Errorf("a kustomization applies the example %s", f)
		case !example && !listed[f]:
			t.Errorf("%s is listed in no kustomization.yaml", f)
		}
		for i, d := range loadYAML(t, f) {
			for _, field := range [][]string{{"apiVersion"}, {"kind"}, {"metadata", "name"}} {
				if str(d, field...) == "" {
					t.Errorf("%s document %d: no %s", f, i+1, strings.Join(field, "."))
				}
			}
		}
	}
}

func byKind(objs []object, kinds ...string) []object {
	var out []object
	for _, o := range objs {
		if slices.Contains(kinds, o.kind()) {
			out = append(out, o)
		}
	}
	return out
}

func configData(t *testing.T, objs []object) map[string]any {
	t.Helper()
	for _, o := range byKind(objs, "ConfigMap") {
		if o.name() == "leadgen-config" {
			return mapping(o.doc, "data")
		}
	}
	t.Fatal("no ConfigMap leadgen-config")
	return nil
}

// envOf returns a container's env entries by name.
func envOf(c any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, e := range list(c, "env") {
		m := e.(map[string]any)
		out[m["name"].(string)] = m
	}
	return out
}

// probePort resolves a probe's port (a number or a named container port).
func probePort(c any, probe string) int {
	switch p := get(c, probe, "httpGet", "port").(type) {
	case int:
		return p
	case string:
		for _, port := range list(c, "ports") {
			if str(port, "name") == p {
				n, _ := get(port, "containerPort").(int)
				return n
			}
		}
	}
	return 0
}

func labelsMatch(selector, labels map[string]any) bool {
	if len(selector) == 0 {
		return false
	}
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func TestK8sManifestsParse(t *testing.T) {
	objs := manifests(t)
	kinds := map[string]int{}
	for _, o := range objs {
		kinds[o.kind()]++
	}
	for _, want := range []string{"Namespace", "ConfigMap", "ServiceAccount", "Service", "Deployment",
		"StatefulSet", "PodDisruptionBudget", "Job", "ScaledObject"} {
		if kinds[want] == 0 {
			t.Errorf("no %s among the manifests", want)
		}
	}
	for _, o := range byKind(objs, "ScaledObject") {
		if v := str(o.doc, "apiVersion"); v != "keda.sh/v1alpha1" {
			t.Errorf("%s: apiVersion %q, want keda.sh/v1alpha1", o, v)
		}
	}
	for _, o := range byKind(objs, "PodDisruptionBudget") {
		if v := str(o.doc, "apiVersion"); v != "policy/v1" {
			t.Errorf("%s: apiVersion %q, want policy/v1", o, v)
		}
	}
}

func TestK8sPodsAreLockedDown(t *testing.T) {
	images := list(loadYAML(t, "k8s/kustomization.yaml")[0], "images")
	if len(images) != 1 || str(images[0], "name") != "leadgen" {
		t.Fatal("k8s/kustomization.yaml: want one images entry, for leadgen")
	}
	image := str(images[0], "newName") + ":" + str(images[0], "newTag")
	for _, o := range byKind(manifests(t), "Deployment", "StatefulSet", "Job") {
		pod := get(o.doc, "spec", "template", "spec")
		if get(pod, "securityContext", "runAsNonRoot") != true {
			t.Errorf("%s: pod securityContext.runAsNonRoot is not true", o)
		}
		if str(pod, "securityContext", "seccompProfile", "type") != "RuntimeDefault" {
			t.Errorf("%s: no RuntimeDefault seccomp profile", o)
		}
		if get(pod, "automountServiceAccountToken") != false {
			t.Errorf("%s: service account token mounted", o)
		}
		containers := list(pod, "containers")
		if len(containers) == 0 {
			t.Errorf("%s: no containers", o)
		}
		for _, c := range containers {
			name := str(c, "name")
			if img := str(c, "image"); img != image {
				t.Errorf("%s/%s: image %q, want leadgen as kustomization.yaml images sets it, %s", o, name, img, image)
			}
			sc := mapping(c, "securityContext")
			if sc["readOnlyRootFilesystem"] != true || sc["allowPrivilegeEscalation"] != false {
				t.Errorf("%s/%s: want readOnlyRootFilesystem true and allowPrivilegeEscalation false", o, name)
			}
			if !slices.Contains(list(sc, "capabilities", "drop"), any("ALL")) {
				t.Errorf("%s/%s: capabilities not dropped", o, name)
			}
			for _, r := range [][]string{{"requests", "cpu"}, {"requests", "memory"}, {"limits", "memory"}} {
				if get(c, append([]string{"resources"}, r...)...) == nil {
					t.Errorf("%s/%s: no resources.%s", o, name, strings.Join(r, "."))
				}
			}
		}
	}
}

// singletons are the roles that run as exactly one pod and are never
// scaled: the watch role produces with a fixed transactional id per stream
// (a second pod would fence the first) and holds the two connections its
// stream key allows.
var singletons = map[string]bool{pipeline.RoleWatch: true}

func TestK8sRolesHaveProbesPDBsAndScaling(t *testing.T) {
	objs := manifests(t)
	cfg := configData(t, objs)
	if cfg["LEADGEN_METRICS_ADDR"] != fmt.Sprintf(":%d", metricsPort) {
		t.Errorf("ConfigMap LEADGEN_METRICS_ADDR = %v, want :%d", cfg["LEADGEN_METRICS_ADDR"], metricsPort)
	}
	providers := strings.Split(fmt.Sprint(cfg["LEADGEN_PROVIDERS"]), ",")
	workloads := byKind(objs, "Deployment", "StatefulSet")
	if len(workloads) == 0 {
		t.Fatal("no workloads")
	}
	rolesSeen := map[string]bool{}
	for _, o := range workloads {
		containers := list(o.doc, "spec", "template", "spec", "containers")
		role := ""
		if len(containers) == 1 {
			role = str(envOf(containers[0])["LEADGEN_ROLES"], "value")
		}
		if !singletons[role] && get(o.doc, "spec", "replicas") != nil {
			t.Errorf("%s: sets spec.replicas; KEDA owns the count and re-applying would reset it", o)
		}
		podLabels := mapping(o.doc, "spec", "template", "metadata", "labels")
		if !labelsMatch(mapping(o.doc, "spec", "selector", "matchLabels"), podLabels) {
			t.Errorf("%s: selector does not match the pod labels", o)
		}
		if len(containers) != 1 {
			t.Errorf("%s: want one container, got %d", o, len(containers))
			continue
		}
		c := containers[0]
		if probePort(c, "livenessProbe") != metricsPort || str(c, "livenessProbe", "httpGet", "path") != "/healthz" {
			t.Errorf("%s: livenessProbe must GET /healthz on %d", o, metricsPort)
		}
		if probePort(c, "readinessProbe") != metricsPort || str(c, "readinessProbe", "httpGet", "path") != "/readyz" {
			t.Errorf("%s: readinessProbe must GET /readyz on %d", o, metricsPort)
		}
		if str(c, "envFrom", "0", "configMapRef", "name") != "leadgen-config" {
			t.Errorf("%s: does not load the ConfigMap leadgen-config", o)
		}
		if args := list(c, "args"); len(args) == 0 || args[0] != "run" {
			t.Errorf("%s: args %v, want run", o, args)
		}
		env := envOf(c)
		if role == "" {
			t.Errorf("%s: no LEADGEN_ROLES", o)
			continue
		}
		rolesSeen[role] = true
		switch {
		case role == pipeline.RoleAggregator:
			if o.kind() != "StatefulSet" {
				t.Errorf("%s: the aggregator wants a StatefulSet for a stable LEADGEN_INSTANCE_ID", o)
			}
			if str(env["LEADGEN_INSTANCE_ID"], "valueFrom", "fieldRef", "fieldPath") != "metadata.name" {
				t.Errorf("%s: LEADGEN_INSTANCE_ID must come from metadata.name", o)
			}
		case singletons[role]: // one pod: checked below; its stream key: TestEveryRoleReadsEveryCredentialFile
			checkSingleton(t, o)
		case slices.Contains(providers, role): // credentials: TestEveryRoleReadsEveryCredentialFile
		default:
			t.Errorf("%s: role %q is neither aggregator, watch nor in LEADGEN_PROVIDERS %v", o, role, providers)
		}

		var pdbs, scalers []object
		for _, p := range byKind(objs, "PodDisruptionBudget") {
			if labelsMatch(mapping(p.doc, "spec", "selector", "matchLabels"), podLabels) {
				pdbs = append(pdbs, p)
			}
		}
		if len(pdbs) != 1 {
			t.Errorf("%s: %d PodDisruptionBudgets select it, want 1", o, len(pdbs))
		} else if singletons[role] && !evictsOne(pdbs[0]) {
			// One replica: a PDB that keeps it available blocks every drain.
			t.Errorf("%s: want maxUnavailable 1 and no minAvailable, so a node drain can evict the single pod", pdbs[0])
		}
		for _, s := range byKind(objs, "ScaledObject", "HorizontalPodAutoscaler") {
			if str(s.doc, "spec", "scaleTargetRef", "name") == o.name() {
				scalers = append(scalers, s)
			}
		}
		if singletons[role] {
			for _, s := range scalers {
				t.Errorf("%s targets %s, which must run exactly one pod and never scale", s, o)
			}
			continue
		}
		if len(scalers) != 1 || scalers[0].kind() != "ScaledObject" {
			t.Errorf("%s: %d ScaledObjects/HPAs target it, want 1 ScaledObject", o, len(scalers))
			continue
		}
		wantGroup, wantTopic := "leadgen-provider-"+role, "company-requests"
		if role == pipeline.RoleAggregator {
			wantGroup, wantTopic = "leadgen-aggregator", "discovery-results"
		}
		found := false
		for _, tr := range list(scalers[0].doc, "spec", "triggers") {
			if str(tr, "metadata", "consumerGroup") == wantGroup && str(tr, "metadata", "topic") == wantTopic {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no kafka trigger on group %s, topic %s", scalers[0], wantGroup, wantTopic)
		}
	}
	for _, want := range []string{pipeline.RoleAggregator, pipeline.RoleWatch} {
		if !rolesSeen[want] {
			t.Errorf("no %s workload", want)
		}
	}
	for _, p := range providers {
		if !rolesSeen[p] {
			t.Errorf("provider %s is enabled in the ConfigMap but has no workload", p)
		}
	}
}

// checkSingleton fails unless o runs exactly one pod and never two at once:
// a Deployment of one replica whose rollouts stop the old pod before
// starting the new one.
func checkSingleton(t *testing.T, o object) {
	t.Helper()
	if o.kind() != "Deployment" {
		t.Errorf("%s: want a Deployment of one replica", o)
	}
	if n := get(o.doc, "spec", "replicas"); n != 1 {
		t.Errorf("%s: spec.replicas %v, want 1: a second pod would fence the first", o, n)
	}
	if s := str(o.doc, "spec", "strategy", "type"); s != "Recreate" {
		t.Errorf("%s: strategy %q, want Recreate, so a rollout never runs two pods at once", o, s)
	}
}

// evictsOne reports whether a PodDisruptionBudget lets one pod be evicted
// even when it is the only one.
func evictsOne(pdb object) bool {
	spec := mapping(pdb.doc, "spec")
	_, hasMin := spec["minAvailable"]
	return !hasMin && (spec["maxUnavailable"] == 1 || spec["maxUnavailable"] == "100%")
}

// TestK8sReadmeAppliesRolesAfterTopics: deploy/README.md applies the
// manifests in two steps, everything but the roles first (the topics Job
// among it) by a label selector on the component. Every workload's
// component must be in it, or that role starts before its topics exist.
func TestK8sReadmeAppliesRolesAfterTopics(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`kubectl apply -k deploy/k8s -l 'app\.kubernetes\.io/component notin \(([^)]*)\)'`).FindSubmatch(raw)
	if m == nil {
		t.Fatal("README.md: no step `kubectl apply -k deploy/k8s -l 'app.kubernetes.io/component notin (...)'`")
	}
	held := strings.Split(string(m[1]), ",")
	objs := manifests(t)
	for _, o := range byKind(objs, "Deployment", "StatefulSet") {
		if c := str(o.doc, "metadata", "labels", "app.kubernetes.io/component"); !slices.Contains(held, c) {
			t.Errorf("%s: component %q is not held back by the README's first apply step %v", o, c, held)
		}
	}
	for _, o := range byKind(objs, "Job") {
		if c := str(o.doc, "metadata", "labels", "app.kubernetes.io/component"); slices.Contains(held, c) {
			t.Errorf("%s: component %q is held back by the README's first apply step, which waits for it", o, c)
		}
	}
}

func TestK8sScaledObjects(t *testing.T) {
	objs := manifests(t)
	brokers := fmt.Sprint(configData(t, objs)["LEADGEN_BROKERS"])
	targets := map[string]bool{}
	for _, o := range byKind(objs, "Deployment", "StatefulSet") {
		targets[o.kind()+"/"+o.name()] = true
	}
	for _, s := range byKind(objs, "ScaledObject") {
		ref := mapping(s.doc, "spec", "scaleTargetRef")
		kind, _ := ref["kind"].(string)
		if kind == "" {
			kind = "Deployment" // KEDA's default
		}
		if !targets[kind+"/"+fmt.Sprint(ref["name"])] {
			t.Errorf("%s: scaleTargetRef %s/%v matches no workload in the manifests", s, kind, ref["name"])
		}
		lo, _ := get(s.doc, "spec", "minReplicaCount").(int)
		hi, _ := get(s.doc, "spec", "maxReplicaCount").(int)
		if hi < 1 || hi > partitions || lo < 1 || lo > hi {
			t.Errorf("%s: replicas %d..%d, want 1 <= min <= max <= %d partitions", s, lo, hi, partitions)
		}
		triggers := list(s.doc, "spec", "triggers")
		if len(triggers) == 0 {
			t.Errorf("%s: no triggers", s)
		}
		for i, tr := range triggers {
			md := mapping(tr, "metadata")
			if str(tr, "type") != "kafka" {
				t.Errorf("%s trigger %d: type %q, want kafka", s, i, str(tr, "type"))
			}
			if md["bootstrapServers"] != brokers {
				t.Errorf("%s trigger %d: bootstrapServers %v, want the ConfigMap's %s", s, i, md["bootstrapServers"], brokers)
			}
			group := fmt.Sprint(md["consumerGroup"])
			if !regexp.MustCompile(`^leadgen-((provider|fallback)-[a-z_]+|aggregator)$`).MatchString(group) {
				t.Errorf("%s trigger %d: consumerGroup %q is not a leadgen group that should scale", s, i, group)
			}
			if md["topic"] == nil {
				t.Errorf("%s trigger %d: no topic", s, i)
			}
			if n, err := strconv.Atoi(fmt.Sprint(md["lagThreshold"])); err != nil || n < 1 {
				t.Errorf("%s trigger %d: lagThreshold %v, want a positive integer string", s, i, md["lagThreshold"])
			}
		}
	}
}

func TestK8sTopicsJobAndMetricsService(t *testing.T) {
	objs := manifests(t)
	jobs := byKind(objs, "Job")
	if len(jobs) != 1 {
		t.Fatalf("want one Job, got %d", len(jobs))
	}
	args := fmt.Sprint(list(jobs[0].doc, "spec", "template", "spec", "containers", "0", "args"))
	if !strings.HasPrefix(args, "[topics apply") || !strings.Contains(args, "--replication-factor 3") {
		t.Errorf("%s: args %s, want topics apply --replication-factor 3", jobs[0], args)
	}

	var metrics *object
	for _, s := range byKind(objs, "Service") {
		if str(s.doc, "metadata", "annotations", "prometheus.io/scrape") == "true" {
			metrics = &s
		}
	}
	if metrics == nil {
		t.Fatal("no Service annotated prometheus.io/scrape: \"true\"")
	}
	if p := str(metrics.doc, "metadata", "annotations", "prometheus.io/port"); p != strconv.Itoa(metricsPort) {
		t.Errorf("%s: prometheus.io/port %q", metrics, p)
	}
	if get(metrics.doc, "spec", "ports", "0", "port") != metricsPort {
		t.Errorf("%s: port is not %d", metrics, metricsPort)
	}
	sel := mapping(metrics.doc, "spec", "selector")
	for _, o := range byKind(objs, "Deployment", "StatefulSet") {
		if !labelsMatch(sel, mapping(o.doc, "spec", "template", "metadata", "labels")) {
			t.Errorf("%s: its pods are not selected by %s", o, metrics)
		}
	}
}

// secretish names an environment variable that would hold a credential.
var secretish = regexp.MustCompile(`(?i)(KEY|TOKEN|PASSWORD|SECRET|CREDENTIAL)`)

// literalSecret reports an environment variable that looks like a credential
// and holds a literal value: not a *_FILE variable, and not a file path
// (LEADGEN_TLS_KEY=/var/run/secrets/... names a mounted file).
func literalSecret(name string, value any) bool {
	if value == nil || !secretish.MatchString(name) || strings.HasSuffix(name, "_FILE") {
		return false
	}
	return !strings.HasPrefix(fmt.Sprint(value), "/")
}

func TestK8sNoLiteralSecrets(t *testing.T) {
	objs := manifests(t)
	for _, o := range byKind(objs, "Secret") {
		t.Errorf("%s: kustomization.yaml must not apply a Secret; create leadgen-credentials out of band", o)
	}
	for _, o := range byKind(objs, "Deployment", "StatefulSet", "Job") {
		for _, c := range list(o.doc, "spec", "template", "spec", "containers") {
			for name, e := range envOf(c) {
				if literalSecret(name, e["value"]) {
					t.Errorf("%s: env %s holds a literal value; mount it from a Secret and use %s_FILE", o, name, name)
				}
			}
		}
		for _, v := range list(o.doc, "spec", "template", "spec", "volumes") {
			if name := str(v, "secret", "secretName"); name != "" && name != "leadgen-credentials" {
				t.Errorf("%s: mounts Secret %s; credentials live in leadgen-credentials", o, name)
			}
		}
	}
	for _, o := range byKind(objs, "ConfigMap") {
		for k, v := range mapping(o.doc, "data") {
			if literalSecret(k, v) {
				t.Errorf("%s: key %s looks like a credential; ConfigMaps are not secret", o, k)
			}
		}
	}
	// The example Secret carries placeholders only.
	ex := loadYAML(t, "k8s/secret.example.yaml")
	if len(ex) != 1 || str(ex[0], "kind") != "Secret" || str(ex[0], "metadata", "name") != "leadgen-credentials" {
		t.Fatal("k8s/secret.example.yaml: want one Secret leadgen-credentials")
	}
	if len(mapping(ex[0], "data")) != 0 {
		t.Error("secret.example.yaml: use stringData placeholders, not data")
	}
	keys := map[string]bool{}
	for k, v := range mapping(ex[0], "stringData") {
		keys[k] = true
		if !strings.HasPrefix(fmt.Sprint(v), "REPLACE_WITH_") {
			t.Errorf("secret.example.yaml: %s = %q is not a REPLACE_WITH_ placeholder", k, v)
		}
	}
	// Every key a workload mounts is in the example.
	for _, o := range byKind(objs, "Deployment", "StatefulSet") {
		for _, v := range list(o.doc, "spec", "template", "spec", "volumes") {
			for _, it := range list(v, "secret", "items") {
				if !keys[str(it, "key")] {
					t.Errorf("%s mounts key %s, missing from secret.example.yaml", o, str(it, "key"))
				}
			}
		}
	}
}

// composeVar matches ${VAR:-default} and ${VAR-default}; $1 is the default.
var composeVar = regexp.MustCompile(`\$\{[A-Z_]+:?-([^}]*)\}`)

func TestComposeFile(t *testing.T) {
	docs := loadYAML(t, "compose/compose.yaml")
	if len(docs) != 1 {
		t.Fatalf("compose.yaml: %d documents", len(docs))
	}
	services := mapping(docs[0], "services")
	for _, want := range []string{"kafka", "redis", "prometheus", "grafana", "topics", "sandbox", "companies-house", "aggregator"} {
		if services[want] == nil {
			t.Errorf("compose.yaml: no service %s", want)
		}
	}
	if img := str(services, "kafka", "image"); !strings.HasPrefix(img, "apache/kafka:") {
		t.Errorf("kafka image %q, want apache/kafka", img)
	}
	if roles := str(services, "kafka", "environment", "KAFKA_PROCESS_ROLES"); roles != "broker,controller" {
		t.Errorf("kafka: KAFKA_PROCESS_ROLES %q, want KRaft broker,controller", roles)
	}
	if !strings.Contains(str(services, "kafka", "environment", "KAFKA_ADVERTISED_LISTENERS"), "//kafka:9092") {
		t.Error("kafka: containers must reach it at kafka:9092")
	}
	if cmd := fmt.Sprint(list(services, "topics", "command")); cmd != "[topics apply]" {
		t.Errorf("topics: command %s", cmd)
	}
	if str(services, "topics", "depends_on", "kafka", "condition") != "service_healthy" {
		t.Error("topics must wait for a healthy kafka")
	}

	prom := loadYAML(t, "prometheus/prometheus.yml")[0]
	var scraped []string
	for _, sc := range list(prom, "scrape_configs") {
		for _, sd := range list(sc, "dns_sd_configs") {
			for _, n := range list(sd, "names") {
				scraped = append(scraped, fmt.Sprint(n))
			}
		}
	}
	leadgenServices := 0
	for name, svc := range services {
		if !strings.HasPrefix(str(svc, "image"), "${LEADGEN_IMAGE") {
			continue
		}
		leadgenServices++
		if get(svc, "read_only") != true || str(svc, "user") == "" {
			t.Errorf("service %s: want read_only and a non-root user", name)
		}
		env := mapping(svc, "environment")
		for k, v := range env {
			if literalSecret(k, v) {
				t.Errorf("service %s: %s=%v: credentials go in secrets: and *_FILE", name, k, v)
			}
		}
		if fmt.Sprint(list(svc, "command")) != "[run]" {
			continue
		}
		if env["LEADGEN_METRICS_ADDR"] != fmt.Sprintf(":%d", metricsPort) || env["LEADGEN_ROLES"] == nil {
			t.Errorf("service %s: want LEADGEN_ROLES and LEADGEN_METRICS_ADDR :%d", name, metricsPort)
		}
		if !slices.Contains(scraped, name) {
			t.Errorf("service %s runs a role but prometheus.yml does not scrape it", name)
		}
	}
	if leadgenServices < 4 {
		t.Errorf("found %d leadgen services, want topics, sandbox and the roles", leadgenServices)
	}

	// Files the stack mounts exist: the SANDBOX secrets and the configs.
	for name, s := range mapping(docs[0], "secrets") {
		f := composeVar.ReplaceAllString(str(s, "file"), "$1")
		if _, err := os.Stat(filepath.Join("compose", f)); err != nil {
			t.Errorf("secret %s: default file %s: %v", name, f, err)
		}
	}
	for name, svc := range services {
		for _, v := range list(svc, "volumes") {
			src, _, ok := strings.Cut(fmt.Sprint(v), ":")
			if ok && strings.HasPrefix(src, ".") {
				if _, err := os.Stat(filepath.Join("compose", src)); err != nil {
					t.Errorf("service %s mounts %s: %v", name, src, err)
				}
			}
		}
	}
}

// --- Prometheus rules and the Grafana dashboard --------------------------------

// exportedMetrics are the leadgen_* names registered in internal/metrics.
func exportedMetrics(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("../internal/metrics/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("internal/metrics sources: %v", err)
	}
	names := map[string]bool{}
	name := regexp.MustCompile(`^leadgen_[a-z0-9_]+$`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && name.MatchString(s) {
					names[s] = true
				}
			}
			return true
		})
	}
	if len(names) == 0 {
		t.Fatal("no leadgen_ metric names found in internal/metrics")
	}
	return names
}

var metricRef = regexp.MustCompile(`\bleadgen_[a-z0-9_]+`)

// checkMetricNames fails on a leadgen_ name in expr that leadgen does not export.
func checkMetricNames(t *testing.T, where, expr string, known map[string]bool) {
	t.Helper()
	for _, m := range metricRef.FindAllString(expr, -1) {
		base := m
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(m, suf); ok && known[b] {
				base = b
			}
		}
		if !known[base] {
			t.Errorf("%s: metric %s is not exported by internal/metrics", where, m)
		}
	}
}

type rule struct {
	Alert       string            `yaml:"alert"`
	Record      string            `yaml:"record"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

func loadRules(t *testing.T) []rule {
	t.Helper()
	raw, err := os.ReadFile("prometheus/rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Name  string `yaml:"name"`
			Rules []rule `yaml:"rules"`
		} `yaml:"groups"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("rules.yaml: %v", err)
	}
	var out []rule
	for _, g := range f.Groups {
		out = append(out, g.Rules...)
	}
	return out
}

// readmeAnchors are GitHub's heading anchors of deploy/README.md.
func readmeAnchors(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	drop := regexp.MustCompile(`[^\p{L}\p{N} _-]`)
	inFence := false
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
		}
		if inFence || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(line, "#"))
		a := strings.ReplaceAll(drop.ReplaceAllString(strings.ToLower(h), ""), " ", "-")
		out[a] = true
	}
	return out
}

func TestAlertRules(t *testing.T) {
	rules := loadRules(t)
	known := exportedMetrics(t)
	anchors := readmeAnchors(t)
	alerts := map[string]rule{}
	for _, r := range rules {
		checkMetricNames(t, "rules.yaml "+r.Alert+r.Record, r.Expr, known)
		if r.Record != "" {
			if !strings.HasPrefix(r.Record, "leadgen:") || strings.Count(r.Record, ":") != 2 {
				t.Errorf("recording rule %s: want level:metric:operation naming", r.Record)
			}
			continue
		}
		alerts[r.Alert] = r
		if r.Labels["severity"] == "" {
			t.Errorf("alert %s: no severity label", r.Alert)
		}
		for _, a := range []string{"summary", "description", "runbook_url"} {
			if r.Annotations[a] == "" {
				t.Errorf("alert %s: no %s annotation", r.Alert, a)
			}
		}
		_, anchor, _ := strings.Cut(r.Annotations["runbook_url"], "deploy/README.md#")
		if !anchors[anchor] {
			t.Errorf("alert %s: runbook_url anchor #%s is not a heading of deploy/README.md", r.Alert, anchor)
		}
	}
	for _, want := range []string{"LeadgenDLQGrowing", "LeadgenBreakerOpen", "LeadgenLagRising",
		"LeadgenErrorRatioHigh", "LeadgenNoLeads", "LeadgenDLQFlood",
		"LeadgenQuotaRateLimited", "LeadgenQuotaBacklogSlow", "LeadgenAggregatorStalled", "LeadgenAggregatorWaitingLong"} {
		if _, ok := alerts[want]; !ok {
			t.Errorf("no alert %s", want)
		}
	}
	if alerts["LeadgenBreakerOpen"].For != "5m" {
		t.Errorf("LeadgenBreakerOpen: for %q, want 5m", alerts["LeadgenBreakerOpen"].For)
	}

	// Every alert has a promtool unit test that sees it fire, and the tests
	// also check quiet cases.
	tests := loadYAML(t, "prometheus/rules_test.yaml")[0]
	fires, quiet := map[string]bool{}, 0
	for _, tc := range list(tests, "tests") {
		for _, at := range list(tc, "alert_rule_test") {
			if len(list(at, "exp_alerts")) > 0 {
				fires[str(at, "alertname")] = true
			} else {
				quiet++
			}
		}
	}
	for name := range alerts {
		if !fires[name] {
			t.Errorf("alert %s: no unit test in rules_test.yaml expects it to fire", name)
		}
	}
	if quiet == 0 {
		t.Error("rules_test.yaml: no test expects an alert to stay quiet")
	}
}

type panel struct {
	ID         int            `json:"id"`
	Type       string         `json:"type"`
	Title      string         `json:"title"`
	Datasource map[string]any `json:"datasource"`
	GridPos    struct{ H, W, X, Y int }
	Targets    []struct {
		Datasource map[string]any `json:"datasource"`
		Expr       string         `json:"expr"`
		RefID      string         `json:"refId"`
	} `json:"targets"`
}

type dashboard struct {
	UID           string  `json:"uid"`
	Title         string  `json:"title"`
	SchemaVersion int     `json:"schemaVersion"`
	Panels        []panel `json:"panels"`
	Templating    struct {
		List []struct {
			Name  string `json:"name"`
			Type  string `json:"type"`
			Query any    `json:"query"`
		} `json:"list"`
	} `json:"templating"`
}

func loadDashboard(t *testing.T) dashboard {
	t.Helper()
	raw, err := os.ReadFile("grafana/leadgen.json")
	if err != nil {
		t.Fatal(err)
	}
	var d dashboard
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("grafana/leadgen.json: %v", err)
	}
	return d
}

// dashboardExprs are the dashboard's PromQL queries with Grafana variables
// replaced by values Prometheus accepts.
func dashboardExprs(d dashboard) map[string]string {
	r := strings.NewReplacer("$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h", "$provider", ".*")
	out := map[string]string{}
	for _, p := range d.Panels {
		for _, tg := range p.Targets {
			out[fmt.Sprintf("panel %d %q %s", p.ID, p.Title, tg.RefID)] = r.Replace(tg.Expr)
		}
	}
	return out
}

func TestGrafanaDashboard(t *testing.T) {
	d := loadDashboard(t)
	if d.UID == "" || d.Title == "" || d.SchemaVersion < 36 {
		t.Errorf("dashboard: uid %q title %q schemaVersion %d", d.UID, d.Title, d.SchemaVersion)
	}
	hasDS := false
	for _, v := range d.Templating.List {
		if v.Name == "DS_PROMETHEUS" && v.Type == "datasource" && v.Query == "prometheus" {
			hasDS = true
		}
	}
	if !hasDS {
		t.Error("dashboard: no DS_PROMETHEUS datasource variable")
	}
	known := exportedMetrics(t)
	ids := map[int]bool{}
	var titles []string
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d used twice", p.ID)
		}
		ids[p.ID] = true
		if p.GridPos.W < 1 || p.GridPos.X+p.GridPos.W > 24 {
			t.Errorf("panel %q: gridPos out of the 24 columns", p.Title)
		}
		if p.Type == "row" {
			continue
		}
		titles = append(titles, strings.ToLower(p.Title))
		if len(p.Targets) == 0 {
			t.Errorf("panel %q: no queries", p.Title)
		}
		if p.Datasource["uid"] != "${DS_PROMETHEUS}" {
			t.Errorf("panel %q: datasource %v, want uid ${DS_PROMETHEUS}", p.Title, p.Datasource)
		}
		for _, tg := range p.Targets {
			if tg.Datasource["uid"] != "${DS_PROMETHEUS}" {
				t.Errorf("panel %q %s: datasource %v", p.Title, tg.RefID, tg.Datasource)
			}
			if strings.TrimSpace(tg.Expr) == "" {
				t.Errorf("panel %q %s: empty expr", p.Title, tg.RefID)
			}
		}
	}
	for where, expr := range dashboardExprs(d) {
		checkMetricNames(t, where, expr, known)
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{"lookup rate", "latency p50 / p99", "breaker state", "retry tier depth",
		"routing rate", "dead-letter growth", "flood pause", "request → lead latency", "leads per second",
		"cost per lead", "in-flight", "consumer lag",
		"quota used", "remaining calls", "lookups waiting for quota", "estimated drain time",
		"calls per lookup", "429 rate", "deferrals", "requests waiting in the aggregator", "oldest wait in the aggregator"} {
		if !strings.Contains(all, want) {
			t.Errorf("dashboard: no panel titled like %q", want)
		}
	}
	for _, f := range []string{"grafana/provisioning/datasources/prometheus.yaml", "grafana/provisioning/dashboards/leadgen.yaml"} {
		if docs := loadYAML(t, f); len(docs) != 1 || get(docs[0], "apiVersion") != 1 {
			t.Errorf("%s: want one provisioning document with apiVersion 1", f)
		}
	}
}
