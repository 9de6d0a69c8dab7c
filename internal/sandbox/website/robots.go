package website

import (
	"net/http"
	"strconv"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// robotsFile is the path of a site's robots.txt, without its slash.
const robotsFile = "robots.txt"

// robotsBodies are the files served.
var robotsBodies = map[dataset.SiteRobots]string{
	dataset.RobotsPlain:       "User-agent: *\nDisallow: /admin/\nDisallow: /search\nAllow: /admin/public/\n",
	dataset.RobotsNoPeople:    "# Our people asked not to be indexed.\nUser-agent: *\nDisallow: /team\nDisallow: /leadership\n",
	dataset.RobotsOnlyLeadgen: "User-agent: *\nDisallow: /\n\nUser-agent: leadgen\nAllow: /\n",
	dataset.RobotsSlow:        "User-agent: *\nCrawl-delay: " + strconv.Itoa(dataset.SlowCrawlDelay) + "\nDisallow: /admin/\n",
}

func serveRobots(w http.ResponseWriter, r *http.Request, c *dataset.Company) {
	switch kind := dataset.RobotsOf(c); kind {
	case dataset.RobotsMissing:
		notFound(w, r)
	case dataset.RobotsForbidden:
		Forbidden(w)
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte(robotsBodies[kind]))
	}
}
