// Package people turns the names that providers report into people: it
// normalises a name so two spellings of one person compare equal, decides
// whether two mentions are the same person from their names and the
// evidence around them (source, role, appointment date, month and year of
// birth), and merges the
// mentions of every provider into one Executive per person.
//
// Normalisation reads the Companies House "SURNAME, Forenames" form, drops
// titles (Mr, Dr, Sir, ...) and post-nominals (OBE, PhD, QC, Jr, ...),
// folds case and diacritics (José → jose, ß → ss, ø → o) and reduces
// punctuation, hyphens and runs of white space to single spaces, so
// "SMITH-JONES, Dr José María" and "José María Smith-Jones PhD" both become
// "jose maria smith jones". Same and Merge document their matching rules.
package people
