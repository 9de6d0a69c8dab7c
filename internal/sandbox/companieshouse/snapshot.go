package companieshouse

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// This file writes the dataset as the two bulk snapshots Companies House
// publishes: the monthly company data CSV and the daily PSC NDJSON, each
// zipped under its real name, so the bulk import can be tried on them.

// snapshotHeader is the company snapshot's header up to the SIC codes,
// spaces before names included, as the real file has them.
var snapshotHeader = []string{"CompanyName", " CompanyNumber", "RegAddress.CareOf", "RegAddress.POBox",
	"RegAddress.AddressLine1", " RegAddress.AddressLine2", "RegAddress.PostTown", "RegAddress.County",
	"RegAddress.Country", "RegAddress.PostCode", "CompanyCategory", "CompanyStatus", "CountryOfOrigin",
	"DissolutionDate", "IncorporationDate", "SICCode.SicText_1", "SICCode.SicText_2", "SICCode.SicText_3",
	"SICCode.SicText_4", "URI"}

// WriteSnapshots writes the dataset's company and PSC snapshots dated
// date into dir and returns their paths.
func WriteSnapshots(dir string, date time.Time) (companies, pscs string, err error) {
	day := date.Format(dataset.DateLayout)
	companies = filepath.Join(dir, "BasicCompanyDataAsOneFile-"+day+".zip")
	pscs = filepath.Join(dir, "persons-with-significant-control-snapshot-"+day+".zip")
	all := dataset.Companies()
	if err := writeZip(companies, "BasicCompanyDataAsOneFile-"+day+".csv", func(w io.Writer) error { return WriteCompanyCSV(w, all) }); err != nil {
		return "", "", err
	}
	if err := writeZip(pscs, "persons-with-significant-control-snapshot-"+day+".txt", func(w io.Writer) error { return WritePSCLines(w, all, date) }); err != nil {
		return "", "", err
	}
	return companies, pscs, nil
}

func writeZip(path, member string, write func(io.Writer) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write snapshot %s: %w", path, cerr)
		}
	}()
	zw := zip.NewWriter(f)
	w, err := zw.Create(member)
	if err != nil {
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	if err := write(w); err != nil {
		return fmt.Errorf("write snapshot %s: %w", path, err)
	}
	return zw.Close()
}

// WriteCompanyCSV writes companies as rows of the company snapshot.
func WriteCompanyCSV(w io.Writer, companies []dataset.Company) error {
	// The header is written as the real one is, unquoted though some
	// names start with a space, which csv.Writer would quote.
	if _, err := io.WriteString(w, strings.Join(snapshotHeader, ",")+"\r\n"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, c := range companies {
		if err := cw.Write(companyRow(c)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func companyRow(c dataset.Company) []string {
	a := c.Address
	row := []string{c.Name, c.Number, "", "", strings.TrimSpace(a.Premises + " " + a.Line1), "", a.Locality, "",
		a.Country, a.PostalCode, categoryOf[c.Type], titleCase(c.Status), "United Kingdom",
		slashDate(c.CeasedOn), slashDate(c.CreatedOn), "", "", "", "", "http://business.data.gov.uk/id/company/" + c.Number}
	for i, code := range c.SICCodes[:min(4, len(c.SICCodes))] {
		row[15+i] = code + " - " + sicText(code)
	}
	if len(c.SICCodes) == 0 {
		row[15] = "None Supplied"
	}
	return row
}

var categoryOf = map[string]string{"ltd": "Private Limited Company", "plc": "Public Limited Company",
	"llp": "Limited Liability Partnership"}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slashDate writes YYYY-MM-DD as the snapshot's DD/MM/YYYY.
func slashDate(iso string) string {
	t, err := time.Parse(dataset.DateLayout, iso)
	if err != nil {
		return ""
	}
	return t.Format("02/01/2006")
}

// WritePSCLines writes the companies' PSCs as lines of the PSC snapshot:
// each PSC in the REST API's shape, a statement for a company without
// any, and the summary line last.
func WritePSCLines(w io.Writer, companies []dataset.Company, generated time.Time) error {
	enc := json.NewEncoder(w)
	var people, statements int
	for _, c := range companies {
		for _, p := range c.PSCs {
			people++
			if err := enc.Encode(pscLine{CompanyNumber: c.Number, Data: pscOf(c, p)}); err != nil {
				return err
			}
		}
		if len(c.PSCs) == 0 {
			statements++
			if err := enc.Encode(pscLine{CompanyNumber: c.Number, Data: statementOf(c)}); err != nil {
				return err
			}
		}
	}
	return enc.Encode(pscLine{Data: totals{Kind: "totals#persons-of-significant-control-snapshot",
		PersonsCount: people, StatementsCount: statements, GeneratedAt: generated.UTC().Format(time.RFC3339)}})
}

type pscLine struct {
	CompanyNumber string `json:"company_number,omitempty"`
	Data          any    `json:"data"`
}

type statement struct {
	Etag       string   `json:"etag"`
	Kind       string   `json:"kind"`
	Links      selfLink `json:"links"`
	NotifiedOn string   `json:"notified_on"`
	Statement  string   `json:"statement"`
}

func statementOf(c dataset.Company) statement {
	return statement{Etag: etag("statement", c.Number), Kind: "persons-with-significant-control-statement",
		Links:      selfLink{Self: "/company/" + c.Number + "/persons-with-significant-control-statements/" + etag("statement", c.Number)[:27]},
		NotifiedOn: c.CreatedOn, Statement: "no-individual-or-entity-with-signficant-control"}
}

type totals struct {
	Kind            string `json:"kind"`
	PersonsCount    int    `json:"persons-of-significant-control-count"`
	StatementsCount int    `json:"statements-count"`
	ExemptionsCount int    `json:"exemptions-count"`
	GeneratedAt     string `json:"generated_at"`
}

// sicText is the SIC 2007 description of the codes the dataset uses.
func sicText(code string) string {
	if t, ok := sicTexts[code]; ok {
		return t
	}
	return "Other"
}

var sicTexts = map[string]string{
	"10710": "Manufacture of bread; manufacture of fresh pastry goods and cakes",
	"10890": "Manufacture of other food products n.e.c.",
	"11050": "Manufacture of beer",
	"13300": "Finishing of textiles",
	"14390": "Manufacture of other knitted and crocheted apparel",
	"23410": "Manufacture of ceramic household and ornamental articles",
	"25990": "Manufacture of other fabricated metal products n.e.c.",
	"28150": "Manufacture of bearings, gears, gearing and driving elements",
	"28990": "Manufacture of other special-purpose machinery n.e.c.",
	"30920": "Manufacture of bicycles and invalid carriages",
	"35110": "Production of electricity",
	"43320": "Joinery installation",
	"46690": "Wholesale of other machinery and equipment",
	"46900": "Non-specialised wholesale trade",
	"49410": "Freight transport by road",
	"52290": "Other transportation support activities",
	"56101": "Licensed restaurants",
	"59111": "Motion picture production activities",
	"62012": "Business and domestic software development",
	"62020": "Information technology consultancy activities",
	"63110": "Data processing, hosting and related activities",
	"64209": "Activities of other holding companies n.e.c.",
	"64303": "Activities of venture and development capital companies",
	"69201": "Accounting and auditing activities",
	"70229": "Management consultancy activities other than financial management",
	"71129": "Other engineering activities",
	"72190": "Other research and experimental development on natural sciences and engineering",
	"73110": "Advertising agencies",
	"81300": "Landscape service activities",
}
