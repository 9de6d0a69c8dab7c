package facebook

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// Usage is how much of its rate limits the app has used, as Graph last
// reported it; percentages run 0..100 and Graph throttles at 100.
// ObservedAt is zero until an answer carried a usage header.
type Usage struct {
	// App is X-App-Usage: the app's share of its hourly platform limit.
	App CallUsage
	// Page is X-Page-Usage, sent for calls made with a Page token.
	Page CallUsage
	// BusinessUseCase is X-Business-Use-Case-Usage by business id.
	BusinessUseCase map[string][]BusinessUseCaseUsage
	ObservedAt      time.Time
}

// CallUsage is one usage header's percentages.
type CallUsage struct {
	CallCount    float64 `json:"call_count"`
	TotalCPUTime float64 `json:"total_cputime"`
	TotalTime    float64 `json:"total_time"`
}

// BusinessUseCaseUsage is one business use case's percentages and, once
// throttled, how long until calls are allowed again.
type BusinessUseCaseUsage struct {
	Type         string
	CallCount    float64
	TotalCPUTime float64
	TotalTime    float64
	RegainAccess time.Duration
}

// Highest is the largest percentage any reading shows: the share of the
// tightest limit already used.
func (u Usage) Highest() float64 {
	h := max(u.App.highest(), u.Page.highest())
	for _, list := range u.BusinessUseCase {
		for _, b := range list {
			h = max(h, b.CallCount, b.TotalCPUTime, b.TotalTime)
		}
	}
	return h
}

func (c CallUsage) highest() float64 { return max(c.CallCount, c.TotalCPUTime, c.TotalTime) }

// usageReading keeps the latest Usage: each header replaces its own part
// when an answer carries it.
type usageReading struct {
	mu   sync.Mutex
	last Usage
}

func (r *usageReading) observe(h http.Header, now time.Time) {
	app, okApp := callUsage(h.Get("X-App-Usage"))
	page, okPage := callUsage(h.Get("X-Page-Usage"))
	buc, okBUC := businessUsage(h.Get("X-Business-Use-Case-Usage"))
	if !okApp && !okPage && !okBUC {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if okApp {
		r.last.App = app
	}
	if okPage {
		r.last.Page = page
	}
	if okBUC {
		r.last.BusinessUseCase = buc
	}
	r.last.ObservedAt = now
}

func (r *usageReading) get() Usage {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

func callUsage(v string) (CallUsage, bool) {
	var u CallUsage
	if v == "" || json.Unmarshal([]byte(v), &u) != nil {
		return CallUsage{}, false
	}
	return u, true
}

func businessUsage(v string) (map[string][]BusinessUseCaseUsage, bool) {
	var raw map[string][]struct {
		Type         string  `json:"type"`
		CallCount    float64 `json:"call_count"`
		TotalCPUTime float64 `json:"total_cputime"`
		TotalTime    float64 `json:"total_time"`
		Minutes      float64 `json:"estimated_time_to_regain_access"`
	}
	if v == "" || json.Unmarshal([]byte(v), &raw) != nil {
		return nil, false
	}
	out := make(map[string][]BusinessUseCaseUsage, len(raw))
	for id, list := range raw {
		for _, e := range list {
			out[id] = append(out[id], BusinessUseCaseUsage{Type: e.Type, CallCount: e.CallCount, TotalCPUTime: e.TotalCPUTime,
				TotalTime: e.TotalTime, RegainAccess: time.Duration(e.Minutes * float64(time.Minute))})
		}
	}
	return out, true
}
