package query

import (
	"time"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/ingest"
)

// Config is what an Env is built from. The zero Config is valid: only
// spelunk's built-in macros, no lookups, UTC, the wall clock and the
// default limits.
type Config struct {
	// ContentDir is a security_content-layout directory: its macros/ are
	// loaded and its lookups/ resolve lookup names. Empty: none.
	ContentDir string
	// Macros are macro files (security_content YAML or Splunk macros.conf)
	// or directories of them, loaded after ContentDir's, later wins.
	Macros []string
	// Lookups are directories of lookup files (NAME.csv) searched before
	// ContentDir's lookups/; they supply KV-store collections and app
	// lookups.
	Lookups []string
	// OutputDir is the only directory outputlookup may write to; empty:
	// outputlookup is refused.
	OutputDir string
	// GeoIP is a MaxMind City database (.mmdb) for iplocation, opened by
	// New (package geoip); empty: iplocation is refused unless GeoLocator
	// is set.
	GeoIP string
	// GeoLocator answers iplocation instead of GeoIP (tests, embedders).
	GeoLocator eval.GeoLocator

	// Now is the searches' clock (now(), earliest=-24h, relative_time);
	// zero: the wall clock when a search is compiled.
	Now time.Time
	// Location is the zone times are formatted in (convert ctime,
	// strftime); nil: UTC.
	Location *time.Location

	// Ingest are the options logs are read with by Load (sourcetype,
	// dataset, metadata overrides, mappings, progress, limits). Its Keep is
	// Load's own.
	Ingest ingest.Options

	// Limits bound what a search may cost.
	Limits Limits
	// OnMemoryOverrun, when not nil, is called once, from the memory
	// watchdog's goroutine, when the heap passes Limits.MaxMemory by a
	// quarter after the work was cancelled for passing it: a step that
	// does not check for cancellation goes on allocating. A command-line
	// program reports the error and exits there, before the Go runtime
	// fails with "out of memory"; nil: the work ends when the step does.
	OnMemoryOverrun func(*MemoryLimitError)
	// AppMacros stands a placeholder in for calls of macros that Splunk
	// apps ship and security_content does not (get_asset): the search
	// expands and is then refused with the reason, instead of failing to
	// expand.
	AppMacros bool
}

// Limits bound the resources a search may use. Zero values mean the
// defaults of the packages that enforce them.
type Limits struct {
	// MaxRows is the most rows any command may hold (eval.DefaultMaxRows).
	MaxRows int
	// RegexTimeout bounds one regular-expression match
	// (eval.DefaultRegexTimeout).
	RegexTimeout time.Duration
	// MaxValueLen is the most bytes one field value may hold
	// (eval.DefaultMaxValueLen).
	MaxValueLen int
	// MaxMultivalue is the most values one multivalue may hold
	// (eval.DefaultMaxMultivalue).
	MaxMultivalue int
	// MaxCells is the most cells (rows × columns) any command's table
	// may hold (eval.DefaultMaxCells).
	MaxCells int
	// MaxQueryLen is the longest expanded search text, in bytes, that is
	// parsed (parser.DefaultMaxQueryLen).
	MaxQueryLen int
	// Timeout bounds one run of a search (Search.Exec), as a deadline on
	// its context; 0: none beyond the caller's context.
	Timeout time.Duration
	// MaxMemory bounds the heap, in bytes, while a search runs
	// (Search.Exec) or logs are read (Env.Load): past it the work is
	// cancelled with a *MemoryLimitError, before the Go runtime runs out
	// of memory. The whole process's heap is counted. 0: DefaultMaxMemory;
	// negative: no limit.
	MaxMemory int64
	// MacroDepth, MacroSize and MacroCalls bound macro expansion: the
	// deepest nesting of calls, the bytes of expanded text, the number of
	// expansions (the macros package's defaults).
	MacroDepth, MacroSize, MacroCalls int
}
