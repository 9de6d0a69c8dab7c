package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/leadgen/leadgen/internal/console"
	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/health"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// chromiumPath is Debian's chromium, which the browser tests drive.
const chromiumPath = "/usr/bin/chromium"

// screenshotsEnv set to 1 rewrites docs/console/*.png from the browser test.
const screenshotsEnv = "LEADGEN_CONSOLE_SCREENSHOTS"

// browser starts a headless chromium for t; a missing chromium fails the
// test with what to install, it never skips.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		t.Fatalf("the console's browser tests need chromium at %s: apt-get install chromium (%v)", chromiumPath, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	return ctx
}

// serveConsole serves a console on the broker at addr, configured as
// leadgen console configures it.
func serveConsole(t *testing.T, addr string, allowReplay bool) string {
	t.Helper()
	cf := consoleFlags{allowReplay: allowReplay, parkAfter: dlq.DefaultParkAfter}
	cfg, err := cf.config(kclient.Config{Brokers: []string{addr}}, topics.Names{}, "10s,1m,10m")
	if err != nil {
		t.Fatal(err)
	}
	s, err := console.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// step runs browser actions and fails t with what was being done.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// shoot saves the page as docs/console/name.png when screenshotsEnv is 1.
func shoot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if os.Getenv(screenshotsEnv) != "1" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("..", "..", "docs", "console")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func produceLead(t *testing.T, cl *kgo.Client, l *schemas.EnrichedLead) {
	t.Helper()
	val, err := schemas.EncodeEnrichedLead(l)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: topics.Names{}.Leads(), Key: []byte(l.LeadKey), Value: val}).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

func str(s string) *string { return &s }

// sampleLeads writes three leads: ACME in two versions, Bolt, and one whose
// website text carries a script tag.
func sampleLeads(t *testing.T, cl *kgo.Client) {
	t.Helper()
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	founder, two := "founder", int32(2)
	jane := schemas.Executive{Name: "Jane Smith", NormalizedName: "jane smith", Role: "director", Sources: []string{"companies_house", "website"}, Confidence: 0.92,
		Seniority: &founder, OtherDirectorships: &two, ProfileURLs: []schemas.ProfileURL{{Source: "website", URL: "https://acme.example/team#jane"}}}
	bob := schemas.Executive{Name: "Bob Jones", NormalizedName: "bob jones", Role: "secretary", Sources: []string{"companies_house"}, Confidence: 0.7}
	acme := &schemas.EnrichedLead{LeadKey: "01234567", RequestID: "r-acme", CompanyName: "ACME WIDGETS LTD", CompanyNumber: str("01234567"),
		CompanyStatus: str("active"), Executives: []schemas.Executive{jane}, ProvidersOK: []string{"companies_house", "website"},
		Complete: true, LeadScore: 61.5, ScoreComponents: schemas.ScoreComponents{OfficialSource: 100, CrossSourceAgreement: 40, WebPresence: 50, CompanyStatus: 100},
		Version: 1, UpdatedAt: at, RequestedAt: at, ScoreExplanation: []string{"Companies House lists 2 current officers or owners (40 of 40)."}}
	produceLead(t, cl, acme)
	v2 := *acme
	v2.Executives, v2.Version, v2.LeadScore, v2.UpdatedAt = []schemas.Executive{jane, bob}, 2, 70.25, at.Add(time.Hour)
	produceLead(t, cl, &v2)
	produceLead(t, cl, &schemas.EnrichedLead{LeadKey: "07654321", RequestID: "r-bolt", CompanyName: "BOLT ENGINEERING PLC",
		CompanyNumber: str("07654321"), CompanyStatus: str("active"), Executives: []schemas.Executive{bob}, ProvidersOK: []string{"companies_house"},
		Complete: true, LeadScore: 40, Version: 1, UpdatedAt: at.Add(30 * time.Minute), RequestedAt: at})
	evil := schemas.Executive{Name: `<script>window.pwned=1</script>Eve`, NormalizedName: "eve", Role: `<img src=x onerror="window.pwned=2">`,
		Sources: []string{"website"}, Confidence: 0.4}
	produceLead(t, cl, &schemas.EnrichedLead{LeadKey: "evil-site", RequestID: "r-evil", CompanyName: `Evil <script>window.pwned=3</script> Ltd`,
		Executives: []schemas.Executive{evil}, ProvidersOK: []string{"website"}, Complete: true, LeadScore: 5, Version: 1,
		UpdatedAt: at.Add(2 * time.Hour), RequestedAt: at})
}

// TestTheConsoleInABrowser drives the console in headless chromium: it
// searches the leads, opens one, exports the search as CSV (the bytes of
// leads --output csv), shows a lead whose web text holds a script without
// running it, and replays a dead letter and watches it resolve.
func TestTheConsoleInABrowser(t *testing.T) {
	addr, cl := testBroker(t)
	sampleLeads(t, cl)
	ctx := browser(t)
	base := serveConsole(t, addr, true)

	step(t, ctx, "open the leads page", chromedp.Navigate(base+"/leads"), chromedp.WaitVisible("#leads"))
	shoot(t, ctx, "leads")
	step(t, ctx, "search for acme", chromedp.SendKeys("#q", "acme"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#leads tbody tr').length === 1 && document.querySelector('#leads').innerText.includes('ACME')`,
			chromedp.WithPollingInterval(50*time.Millisecond)))
	csv := eval[string](t, ctx, `fetch(document.getElementById('export').href).then(r => r.text())`, chromedp.EvalAwaitPromise)
	want, err := capture(t, "leads", "--brokers", addr, "--output", "csv", "--search", "acme")
	if err != nil || csv != want {
		t.Fatalf("the console's CSV export differs from leads --output csv (%v):\nconsole:\n%s\ncli:\n%s", err, csv, want)
	}
	step(t, ctx, "open the ACME lead", chromedp.Click("a.lead"), chromedp.WaitVisible("#versions"))
	if got := eval[string](t, ctx, `document.querySelector('#versions').innerText`); !contains(got, "Version 2", "Version 1", "Bob Jones now listed as secretary by companies_house", "score 61.5 → 70.2") {
		t.Fatalf("versions side by side lack the change:\n%s", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#people').innerText`); !contains(got, "Jane Smith", "companies_house, website", "92%", "founder", "2") {
		t.Fatalf("people lack sources, confidence, seniority and other directorships:\n%s", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#people a.profile').href`); got != "https://acme.example/team#jane" {
		t.Fatalf("profile link %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector('#score').innerText`); !contains(got, "Companies House lists 2 current officers or owners (40 of 40).") {
		t.Fatalf("the score is not explained:\n%s", got)
	}
	shoot(t, ctx, "lead")

	step(t, ctx, "open the lead with a script in its web text", chromedp.Navigate(base+"/leads/evil-site"), chromedp.WaitVisible("#people"))
	if pwned := eval[bool](t, ctx, `window.pwned !== undefined`); pwned {
		t.Fatal("a script in a lead's text ran")
	}
	if got := eval[string](t, ctx, `document.querySelector('#people').innerText`); !contains(got, "<script>window.pwned=1</script>Eve") {
		t.Fatalf("the script tag is not shown as text:\n%s", got)
	}
}

// TestTheConsoleReplaysADeadLetterInABrowser replays a letter from the
// dead-letter page of a console started with --allow-replay, sees it
// resolve when x answers, and finds the replay refused on a read-only one.
func TestTheConsoleReplaysADeadLetterInABrowser(t *testing.T) {
	addr, cl := testBroker(t)
	names := topics.Names{}
	deadLetter(t, cl, "r1", 0)
	xHealth := &breakerState{state: "open"}
	reg := health.New()
	reg.AddProvider("x", xHealth.provider)
	pub := healthlog.Publisher{Client: cl, Topic: names.ProviderHealth(), Instance: "worker-1", Health: reg, Every: time.Minute}
	publish(t, pub)
	ctx := browser(t)

	readOnly := serveConsole(t, addr, false)
	step(t, ctx, "open a read-only dead-letter page", chromedp.Navigate(readOnly+"/dlq"), chromedp.WaitVisible("#letters"))
	if n := eval[int](t, ctx, `document.querySelectorAll('#replay-button').length`); n != 0 {
		t.Fatal("a read-only console offers a replay button")
	}
	status := eval[int](t, ctx, `fetch('/dlq/replay', {method: 'POST', body: new URLSearchParams({letter: '0/0'})}).then(r => r.status)`, chromedp.EvalAwaitPromise)
	if status != 403 {
		t.Fatalf("a replay on a read-only console: HTTP %d, want 403", status)
	}

	base := serveConsole(t, addr, true)
	step(t, ctx, "open the providers page", chromedp.Navigate(base+"/providers"), chromedp.WaitVisible("#providers"), chromedp.WaitVisible("#backlog"))
	if got := eval[string](t, ctx, `document.querySelector('#backlog').innerText`); !contains(got, "BACKLOG", "companies_house", "600/5m", "x\t") {
		t.Fatalf("the providers page lacks the work waiting for each provider:\n%s", got)
	}
	shoot(t, ctx, "providers")
	step(t, ctx, "open the letter", chromedp.Navigate(base+"/dlq/letters/0/0"), chromedp.WaitVisible("#shown"))
	if got := eval[string](t, ctx, `document.querySelector('#shown').innerText`); !contains(got, "ACME r1", "leadgen.error.class") {
		t.Fatalf("the letter lacks its decoded request and headers:\n%s", got)
	}
	step(t, ctx, "replay while x's breaker is open", chromedp.Navigate(base+"/dlq"), chromedp.WaitVisible("#letters"),
		chromedp.Click(`input[name=letter][value="0/0"]`), chromedp.Click("#replay-button"), chromedp.WaitVisible("#refused"))
	if got := eval[string](t, ctx, `document.querySelector('#refused').innerText`); !contains(got, "refusing to replay: x: its breaker is open on worker-1") {
		t.Fatalf("the refusal does not name the open breaker: %s", got)
	}
	xHealth.set("closed")
	publish(t, pub)
	step(t, ctx, "replay the letter", chromedp.Click("#replay-button"),
		chromedp.WaitVisible("#replayed"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#groups').innerText.includes('replayed')`, chromedp.WithPollingInterval(100*time.Millisecond)))
	shoot(t, ctx, "dead-letters")

	opts := kclient.Config{Brokers: []string{addr}}.Opts()
	replayed := embeddedtest.First(t, opts, names.Retry("x", 10*time.Second), "")
	out := worker.NewOutput(&worker.Env{Names: names, Now: time.Now, Logger: slog.New(slog.DiscardHandler)}, cl, nil)
	res := &schemas.DiscoveryResult{RequestID: "r1", Provider: "x", Status: schemas.StatusOK, Layer: schemas.LayerPrimary}
	if err := out.Emit(t.Context(), replayed, res); err != nil {
		t.Fatal(err)
	}
	step(t, ctx, "watch the letter resolve, in the groups and in its own row",
		chromedp.Poll[chromedp.Void](`document.querySelector('#groups').innerText.includes('resolved') && document.querySelector('#st-0-0').innerText === 'resolved'`,
			chromedp.WithPollingInterval(100*time.Millisecond)))
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
