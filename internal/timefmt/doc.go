// Package timefmt formats and parses times the way Splunk's SPL does:
// strftime-style time format variables (Strftime, Strptime) and relative
// time specifiers such as -7d@d (RelativeTime). Times are epoch seconds
// as float64, fractions allowed.
package timefmt
