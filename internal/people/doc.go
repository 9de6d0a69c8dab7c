// Package people resolves the people that providers mention into one
// Executive per person. It parses names, decides whether two mentions are
// one person from their names and the evidence around them, and clusters
// one company's mentions into people.
//
// Parsing (parse.go, segment.go, suffix.go) takes every form the sources
// write apart into forenames, surname, a known-as nickname, a generation
// suffix, titles and post-nominals: the Companies House
// "SURNAME, Forenames[, Title]" form, PSC name lines, display names,
// a surname written first in capitals ("OKAFOR Chidi"), a job title after
// a separator or an emoji ("Benjamin Carter | Founder & CEO"), a nickname
// in brackets or quotes ("Robert 'Bob' Lyons"). Titles, post-nominals,
// corporate words and the name tables are data files in data/ (see its
// README for sources and licences).
//
// Matching (same.go and the files it calls) compares forenames through a
// nickname table, a spellings table of romanisations, Double Metaphone
// and Jaro-Winkler, initials and middle names used as the known name;
// it folds case and diacritics (José → jose, ß → ss, and ü, ö, ä against
// ue, oe, ae), and guards against gendered forename pairs, letters split
// into words differently and one-sided generation suffixes. Months of
// birth from the register keep same-name people apart and join a
// director with the same person's PSC record. Organisations and social
// handles are never people. Same documents the rules.
//
// Clustering (cluster.go, generation.go) joins mentions best evidence
// first through each person's fullest name, gives an ambiguous mention to
// its clearly best person or leaves it alone, and places a profile's
// "Jr" or "Sr" with the register's son or father. Merge documents the
// merged record.
//
// Normalize and DisplayName give a name's comparison and display forms:
// both "SMITH-JONES, Dr José María" and "José María Smith-Jones PhD"
// normalise to "jose maria smith jones".
package people
