package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func put(h http.Handler, target, body string) *httptest.ResponseRecorder {
	return newRecorder(h, httptest.NewRequest(http.MethodPut, target, strings.NewReader(body)))
}

func TestKnobsEndpoint(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		want       Knobs
	}{
		{"a PUT sets latency and error rate", `{"latency":"200ms","error_rate":0.25}`, 200, Knobs{200 * time.Millisecond, 0.25}},
		{"a PUT of one member keeps the other", `{"error_rate":0.5}`, 200, Knobs{time.Second, 0.5}},
		{"an error rate above 1 is refused", `{"error_rate":2}`, 400, Knobs{time.Second, 0.1}},
		{"a latency that is not a duration is refused", `{"latency":"soon"}`, 400, Knobs{time.Second, 0.1}},
		{"an unknown member is refused", `{"latncy":"1s"}`, 400, Knobs{time.Second, 0.1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, Config{Latency: time.Second, ErrorRate: 0.1})
			wantStatus(t, put(s, "/_sandbox/knobs", tt.body), tt.status)
			if got := s.Knobs(); got != tt.want {
				t.Fatalf("knobs = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestKnobsEndpointReportsTheKnobsInForce(t *testing.T) {
	s := newServer(t, Config{})
	if err := s.SetKnobs(Knobs{Latency: 150 * time.Millisecond, ErrorRate: 0.05}); err != nil {
		t.Fatal(err)
	}
	rec := get(t, s, "/_sandbox/knobs", "")
	wantStatus(t, rec, 200)
	wantBody(t, rec, `{"latency":"150ms","error_rate":0.05}`)
}

func TestSetKnobsRefusesOutOfRangeKnobs(t *testing.T) {
	s := newServer(t, Config{})
	if err := s.SetKnobs(Knobs{ErrorRate: 1.01}); err == nil {
		t.Fatal("SetKnobs accepted an error rate above 1")
	}
	if got := s.Knobs(); got != (Knobs{}) {
		t.Fatalf("knobs = %+v after a refused change, want unchanged", got)
	}
}
