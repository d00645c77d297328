package main

import (
	"github.com/spelunk-dev/spelunk/query"
)

// newEnv builds the query.Env of a command's flags; a bad path is a usage
// error.
func newEnv(cfg query.Config) (*query.Env, error) {
	env, err := query.New(cfg)
	if err != nil {
		return nil, usageErr("%s", safeErr(err))
	}
	return env, nil
}

// contentConfig is the configuration of --content and --macros.
func contentConfig(content string, macroPaths []string) query.Config {
	return query.Config{ContentDir: content, Macros: macroPaths}
}
