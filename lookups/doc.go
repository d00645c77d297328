// Package lookups loads the CSV lookups a search's lookup, inputlookup and
// `from inputlookup:` commands read, and gives them to the evaluator as an
// eval.LookupResolver.
//
// Definitions come from a security_content directory's lookups/*.yml
// files (name, filename, match_type such as WILDCARD(f) or CIDR(f),
// case_sensitive_match, min_matches, max_matches, default_match; the
// fields of a transforms.conf stanza [D S-transforms]). Their CSV files are
// read from the same lookups/ folder, or from the extra directories the
// user gives (--lookups DIR), which take precedence: a file NAME.csv there
// supplies the lookup NAME, keeping the content's match rules, so KV-store
// collections, ML-model placeholders and files the content does not ship
// can be provided. A search may also name a file directly (`lookup
// hosts.csv ip`); it is looked for in the same directories.
//
// File names resolve only inside those directories: only plain names
// ending in .csv are read (Splunk's .csv.gz and .kmz lookups are not read
// locally), names with path separators or a leading '.' are rejected, and
// files and definitions are opened through internal/confine (an
// os.Root), so symbolic links cannot lead outside. The content's lookups/
// may itself be a link only to a directory inside the content directory;
// Open refuses one that leads outside. Each table is read and
// indexed once per Resolver, lazily on first use, so compiling a search
// never needs the files.
package lookups
