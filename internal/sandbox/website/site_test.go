package website

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/route"
)

func TestEveryCompanySiteServesItsPeople(t *testing.T) {
	s := http.NewServeMux()
	Mount(route.At(s, nil))
	served := map[dataset.SiteShape]int{}
	for _, c := range dataset.Companies() {
		if !dataset.PresenceOf(c).Website {
			continue
		}
		shape := dataset.ShapeOf(&c)
		served[shape]++
		text := sitePages(s, &c)
		for _, p := range sitePeople(&c, false) {
			if shape != dataset.ShapePlain && !strings.Contains(text, strings.NewReplacer("'", "&#039;").Replace(p.name)) && !strings.Contains(text, p.name) {
				t.Errorf("%s (%s, shape %d) does not name %s", c.Domain, c.Number, shape, p.name)
			}
		}
	}
	for shape := range dataset.SiteShapes {
		if served[shape] == 0 {
			t.Errorf("no site has shape %d", shape)
		}
	}
}

// sitePages fetches every page of a site where it is served (see
// hosts.go).
func sitePages(s http.Handler, c *dataset.Company) string {
	var all strings.Builder
	for _, p := range []string{"", "about", "team", "leadership"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, ServedAt(c)+"/"+p, nil))
		if rec.Code == 200 {
			all.WriteString(rec.Body.String())
		}
	}
	return all.String()
}
