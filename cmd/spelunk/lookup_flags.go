package main

import (
	"os"

	"github.com/spelunk-dev/spelunk/geoip"
	"github.com/spelunk-dev/spelunk/ingest"
	"github.com/spelunk-dev/spelunk/query"
)

// lookupFlags are the flags that give a search the files it may read or
// write besides the logs: lookup tables, an output directory, a GeoIP
// database. Paths that content names resolve only inside these
// directories and --content's lookups/.
type lookupFlags struct {
	Lookups   []string `help:"Directory of lookup CSV files (NAME.csv) searched before --content's lookups/ (repeatable); supplies KV-store and app lookups." placeholder:"DIR"`
	OutputDir string   `help:"Directory outputlookup may write to (default: outputlookup is refused)." placeholder:"DIR"`
	GeoIP     string   `help:"MaxMind City database (.mmdb) for iplocation." name:"geoip" aliases:"geo-ip" placeholder:"FILE"`
}

// apply sets the lookup directories (--lookups; the content's lookups/
// come with Config.ContentDir), the output directory and the GeoIP
// database on cfg.
func (f *lookupFlags) apply(cfg *query.Config) error {
	cfg.Lookups = f.Lookups
	if f.OutputDir != "" {
		if st, err := os.Stat(f.OutputDir); err != nil || !st.IsDir() {
			return usageErr("--output-dir %s: not a directory", f.OutputDir)
		}
		cfg.OutputDir = f.OutputDir
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
		cfg.GeoLocator = db
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
