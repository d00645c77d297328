package ingest

import (
	_ "embed"
	"fmt"
	"path"
	"slices"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed coverage_exceptions.yaml
var coverageExceptionsFile []byte

// coverageException says why the events of some data sources cannot give
// some listed fields (format: coverage_exceptions.yaml).
type coverageException struct {
	Sources []string `yaml:"sources"` // data source file name patterns (path.Match); none: every data source
	Fields  []string `yaml:"fields"`
	Why     string   `yaml:"why"`
}

type coverageExceptionList []coverageException

// coverageExceptions parses the embedded exceptions once.
var coverageExceptions = sync.OnceValues(func() (coverageExceptionList, error) {
	return parseCoverageExceptions(coverageExceptionsFile)
})

func parseCoverageExceptions(b []byte) (coverageExceptionList, error) {
	var l coverageExceptionList
	if err := yaml.Unmarshal(b, &l); err != nil {
		return nil, fmt.Errorf("ingest: coverage_exceptions.yaml: %w", err)
	}
	for i, e := range l {
		if len(e.Fields) == 0 || e.Why == "" {
			return nil, fmt.Errorf("ingest: coverage_exceptions.yaml: entry %d needs fields and why", i+1)
		}
		for _, p := range e.Sources {
			if _, err := path.Match(p, ""); err != nil {
				return nil, fmt.Errorf("ingest: coverage_exceptions.yaml: entry %d: bad pattern %q", i+1, p)
			}
		}
	}
	return l, nil
}

// lookup is the reason of the first exception naming field for the data
// source file.
func (l coverageExceptionList) lookup(file, field string) (string, bool) {
	for _, e := range l {
		if !slices.Contains(e.Fields, field) {
			continue
		}
		if len(e.Sources) == 0 {
			return e.Why, true
		}
		for _, p := range e.Sources {
			if ok, _ := path.Match(p, file); ok {
				return e.Why, true
			}
		}
	}
	return "", false
}
