// Package requestfile reads company requests from a CSV or JSON Lines file
// and validates single requests, for `leadgen request --file` and the
// `--name/--number/--domain` flags.
//
// Both formats carry the same fields: company_name (required unless
// company_number is given), company_number, domain, providers and
// request_id. Values are written in the form leadgen sends (trimmed, the
// number as the registry writes it, the domain in ASCII) and then held to
// the input limits of package requestcheck, the same check every provider
// worker applies, so nothing refused there is sent. A CSV file starts with
// a header row naming its columns, in any order; providers is a list
// separated by semicolons or spaces; a row whose fields are all blank is a
// bad line, an empty line no row. A JSON Lines file holds one object per
// line, providers as an array; blank lines are skipped.
//
// Parsing does not stop at a bad line: every line comes back with its
// 1-based line number and either a request or the reason it was refused,
// so a caller can send the good lines and report the bad ones. Only a
// file that cannot be read at all (an I/O error, a CSV header that is
// missing or names unknown columns) is an error for the whole file.
package requestfile
