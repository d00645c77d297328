package spltest

import (
	"time"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/lookups"
)

// DefaultNow is the clock cases run with unless WithClock says otherwise,
// in Unix seconds: now() = 1700000000 (2023-11-14T22:13:20Z), times
// printed in UTC.
const DefaultNow = 1700000000

// Option configures how cases run.
type Option func(*config)

// config is the options in effect.
type config struct {
	now        time.Time
	loc        *time.Location
	lookups    eval.LookupResolver
	lookupsDir string
	evalOpts   []func(*eval.Options)
}

// newConfig applies opts over the defaults.
func newConfig(opts []Option) *config {
	c := &config{now: time.Unix(DefaultNow, 0), loc: time.UTC}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithClock sets the time the searches run at and the location times are
// printed in (default DefaultNow in UTC).
func WithClock(now time.Time, loc *time.Location) Option {
	return func(c *config) {
		c.now = now
		if loc != nil {
			c.loc = loc
		}
	}
}

// WithLookups gives the lookup tables a case sees after those its script
// defines (by default, only the script's).
func WithLookups(r eval.LookupResolver) Option {
	return func(c *config) { c.lookups = r }
}

// WithLookupsDir gives the lookup tables of dir (CSV files named after the
// lookup or its file, as the command line's --lookups) after those a
// script defines. It replaces WithLookups.
func WithLookupsDir(dir string) Option {
	return func(c *config) { c.lookupsDir = dir }
}

// WithEvalOptions lets fn adjust the eval.Options every case compiles
// with, after the clock and lookups are set (for example to set
// ParseSearch for map).
func WithEvalOptions(fn func(*eval.Options)) Option {
	return func(c *config) { c.evalOpts = append(c.evalOpts, fn) }
}

// resolve opens the lookups directory, when one is given.
func (c *config) resolve() error {
	if c.lookupsDir == "" {
		return nil
	}
	r, err := lookups.Open("", c.lookupsDir)
	if err != nil {
		return err
	}
	c.lookups, c.lookupsDir = r, ""
	return nil
}

// options are the eval.Options of case k.
func (c *config) options(k *Case) eval.Options {
	o := eval.Options{Now: c.now, Location: c.loc, Lookups: resolver(k.Lookups, c.lookups)}
	for _, fn := range c.evalOpts {
		fn(&o)
	}
	return o
}
