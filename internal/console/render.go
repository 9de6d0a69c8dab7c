package console

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"
)

// templates are the parsed pages; html/template escapes every value for
// its context, which matters because leads carry text from web sites.
type templates struct{ t *template.Template }

// page is what every template gets: the layout's fields and the page's own
// Data.
type page struct {
	Title       string
	Nav         string
	Error       string
	AllowReplay bool
	Data        any
}

func parseTemplates() (*templates, error) {
	funcs := template.FuncMap{
		"join":  strings.Join,
		"stamp": func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") },
		"pct":   func(v float64) string { return fmt.Sprintf("%.0f%%", v*100) },
		"num":   func(v float64) string { return fmt.Sprintf("%.1f", v) },
		"deref": deref,
		// sentence is the i-th sentence of a score explanation, "" for a
		// lead written before leads explained their scores.
		"sentence": func(explanation []string, i int) string {
			if i < len(explanation) {
				return explanation[i]
			}
			return ""
		},
	}
	t, err := template.New("console").Funcs(funcs).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("console: parse templates: %w", err)
	}
	return &templates{t: t}, nil
}

// render writes the named template; a failure mid-page is logged only, as
// the status line has gone.
func (s *Server) render(w http.ResponseWriter, name string, p page) {
	p.AllowReplay = s.cfg.AllowReplay
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.tmpl.t.ExecuteTemplate(w, name, p); err != nil {
		s.cfg.Logger.Warn("console render", "template", name, "err", err)
	}
}

// deref is an optional string for a page, "-" when absent.
func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
