package main

import (
	"os"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/geoip"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/lookups"
)

// lookupFlags are the flags that give a search the files it may read or
// write besides the logs: lookup tables, an output directory, a GeoIP
// database. Paths that content names resolve only inside these
// directories and --content's lookups/.
type lookupFlags struct {
	Lookups   []string `help:"Directory of lookup CSV files (NAME.csv) searched before --content's lookups/ (repeatable); supplies KV-store and app lookups." placeholder:"DIR"`
	OutputDir string   `help:"Directory outputlookup may write to (default: outputlookup is refused)." placeholder:"DIR"`
	GeoIP     string   `help:"MaxMind City database (.mmdb) for iplocation." placeholder:"FILE"`
}

// apply sets the lookup resolver (content's lookups/ and --lookups), the
// output directory and the GeoIP database on o.
func (f *lookupFlags) apply(o *eval.Options, contentDir string) error {
	if contentDir != "" || len(f.Lookups) > 0 {
		r, err := lookups.Open(contentDir, f.Lookups...)
		if err != nil {
			return usageErr("lookups: %v", err)
		}
		o.Lookups = r
	}
	if f.OutputDir != "" {
		if st, err := os.Stat(f.OutputDir); err != nil || !st.IsDir() {
			return usageErr("--output-dir %s: not a directory", f.OutputDir)
		}
		o.OutputDir = f.OutputDir
	}
	if f.GeoIP != "" {
		if _, err := os.Stat(f.GeoIP); err != nil {
			return usageErr("--geoip: %v", err)
		}
		// Open for the life of the process: the search may call iplocation
		// at any point of its run.
		db, err := geoip.Open(f.GeoIP)
		if err != nil {
			return usageErr("--geoip: %v", err)
		}
		o.GeoLocator = db
	}
	return nil
}

// readMappings reads a --mappings file and extends the built-in mappings
// with it; "" gives nil (the built-in ones).
func readMappings(path string) (*ingest.Mappings, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr("--mappings: %v", err)
	}
	user, err := ingest.ParseMappings(data)
	if err != nil {
		return nil, usageErr("--mappings %s: %v", path, err)
	}
	return ingest.DefaultMappings().Extend(user), nil
}
