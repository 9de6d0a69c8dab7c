package profilematch

import "testing"

func TestChoiceKeepsTheBestClaimAndTheBestNameSeen(t *testing.T) {
	w := Weights{Name: 0.5, Site: 0.35, Verified: 0.15}
	var c Choice[string]
	c.Consider("a namesake below the threshold", Evidence{Name: 0.6}, 0.85, w)
	c.Consider("a namesake linking elsewhere", Evidence{Name: 1, OtherSite: true}, 0.85, w)
	if c.Found || c.BestName != 1 {
		t.Fatalf("choice = %+v, want nothing found and the best name 1", c)
	}
	c.Consider("a weak name on the company's site", Evidence{Name: 0.2, Site: true}, 0.85, w)
	c.Consider("the same name, verified", Evidence{Name: 1, Verified: true}, 0.85, w)
	if !c.Found || c.Profile != "the same name, verified" || w.Confidence(c.Evidence) != 0.65 {
		t.Fatalf("choice = %+v, want the verified namesake at 0.65", c)
	}
}

func TestOnSiteIgnoresWWWAndNeverMatchesNoHost(t *testing.T) {
	if !OnSite("acme.example", "ftp://x", "https://WWW.Acme.example/about") {
		t.Fatal("the www. form of the host is not on the site")
	}
	if OnSite("", "https://acme.example") {
		t.Fatal("an empty host matched")
	}
}
