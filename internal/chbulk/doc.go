// Package chbulk loads the Companies House bulk snapshots into Redis, so
// that a lookup by company number reads the company profile and the
// persons with significant control from there instead of spending two of
// the key's 600 calls per 5 minutes on them.
//
// Two snapshots are read: the monthly company data (one CSV, usually
// zipped: BasicCompanyDataAsOneFile-YYYY-MM-DD.zip) and the daily PSC
// snapshot (NDJSON, zipped and possibly split into parts:
// persons-with-significant-control-snapshot-YYYY-MM-DD.zip). Both are
// streamed a row at a time, so memory stays constant whatever the file's
// size, and each row is stored in the shape the REST API returns, so the
// client decodes it as it would the API's answer.
//
// An entry carries its snapshot's date and is fresh for MaxAge after it
// (35 days for the monthly company data, 2 days for the daily PSC
// snapshot); a newer snapshot replaces an older one company by company,
// and an older one never overwrites a newer.
package chbulk
