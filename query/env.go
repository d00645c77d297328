package query

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spelunk-dev/spelunk/eval"
	"github.com/spelunk-dev/spelunk/geoip"
	"github.com/spelunk-dev/spelunk/internal/confine"
	"github.com/spelunk-dev/spelunk/lookups"
	"github.com/spelunk-dev/spelunk/macros"
	"github.com/spelunk-dev/spelunk/parser"
)

// Env compiles searches with one configuration: the macro library, the
// lookups, the clock and the limits. It is immutable once built and safe
// for concurrent use.
type Env struct {
	cfg     Config
	lib     *macros.Library
	lookups eval.LookupResolver
}

// New builds an Env: it loads the macros of cfg.ContentDir (its macros/
// directory, when present) and then of each of cfg.Macros in order, opens
// the lookups of ContentDir's lookups/ and cfg.Lookups, and checks that
// OutputDir and GeoIP exist. Errors name the path at fault. A clock
// (Now) outside years 1 to 9999 is an error.
func New(cfg Config) (*Env, error) {
	if err := checkNow(cfg.Now); err != nil {
		return nil, fmt.Errorf("Config.Now: %w", err)
	}
	lib, err := loadMacros(cfg.ContentDir, cfg.Macros)
	if err != nil {
		return nil, err
	}
	e := &Env{cfg: cfg, lib: lib}
	if cfg.ContentDir != "" || len(cfg.Lookups) > 0 {
		r, err := lookups.Open(cfg.ContentDir, cfg.Lookups...)
		if err != nil {
			return nil, fmt.Errorf("lookups: %w", err)
		}
		e.lookups = r
	}
	if cfg.OutputDir != "" {
		if st, err := os.Stat(cfg.OutputDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("output directory %s: not a directory", cfg.OutputDir)
		}
	}
	if cfg.GeoIP != "" && cfg.GeoLocator == nil {
		db, err := geoip.Open(cfg.GeoIP)
		if err != nil {
			return nil, err
		}
		e.cfg.GeoLocator = db
	}
	return e, nil
}

// loadMacros loads dir's macros/ (dir may be empty: only the built-in
// macros), then each of paths (a file or a directory of them); later
// definitions win.
func loadMacros(dir string, paths []string) (*macros.Library, error) {
	lib := macros.NewLibrary()
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("content directory: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("content directory %s: not a directory", dir)
		}
		mdir := filepath.Join(dir, "macros")
		if err := confine.Within(dir, "macros").Check(); errors.Is(err, confine.ErrEscape) {
			return nil, fmt.Errorf("macros: %s is a symbolic link that leads outside the content directory %s; refusing to read macros through it", mdir, dir)
		}
		if _, err := os.Stat(mdir); err == nil {
			if err := lib.LoadDir(mdir); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("macros: %w", err)
		}
		if st.IsDir() {
			err = lib.LoadDir(p)
		} else {
			err = lib.LoadFile(p)
		}
		if err != nil {
			return nil, err
		}
	}
	return lib, nil
}

// Config returns the configuration e was built from.
func (e *Env) Config() Config {
	if e == nil {
		return Config{}
	}
	return e.cfg
}

// Macros is the macro library searches are expanded with: the content's
// macros, then Config.Macros, plus spelunk's built-ins.
func (e *Env) Macros() *macros.Library {
	if e == nil {
		return nil
	}
	return e.lib
}

// WithNow returns an Env that is e with the clock set to now (zero: the
// wall clock); the macros and lookups are shared. spelunk test compiles a
// detection again with the clock its data gives.
//
// On a nil Env it returns nil.
func (e *Env) WithNow(now time.Time) *Env {
	if e == nil {
		return nil
	}
	c := *e
	c.cfg.Now = now
	return &c
}

// WithAppMacros returns an Env that is e with Config.AppMacros set:
// calls of Splunk-app macros that no loaded file defines expand to a
// placeholder that compiling refuses with the reason (spelunk check).
//
// On a nil Env it returns nil.
func (e *Env) WithAppMacros() *Env {
	if e == nil {
		return nil
	}
	c := *e
	c.cfg.AppMacros = true
	return &c
}

// EvalOptions are the evaluator options searches are compiled with: the
// clock (the wall clock now when Config.Now is zero), zone, limits,
// lookups, output directory, GeoIP, and map's run-time parsing through
// the same macro expansion.
//
// A nil Env has the zero Options (the evaluator's defaults).
func (e *Env) EvalOptions() eval.Options {
	if e == nil {
		return eval.Options{}
	}
	o := eval.Options{
		Now:           e.cfg.Now,
		Location:      e.cfg.Location,
		MaxRows:       e.cfg.Limits.MaxRows,
		RegexTimeout:  e.cfg.Limits.RegexTimeout,
		MaxValueLen:   e.cfg.Limits.MaxValueLen,
		MaxMultivalue: e.cfg.Limits.MaxMultivalue,
		MaxCells:      e.cfg.Limits.MaxCells,
		Lookups:       e.lookups,
		OutputDir:     e.cfg.OutputDir,
		GeoLocator:    e.cfg.GeoLocator,
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Location == nil {
		o.Location = time.UTC
	}
	return withSearchParser(o, e.lib, e.macroOptions(o), parser.Options{MaxQueryLen: e.cfg.Limits.MaxQueryLen})
}

// macroOptions are the expansion options: the limits, app-macro
// placeholders, and the iseval and validation hooks evaluated with ev.
func (e *Env) macroOptions(ev eval.Options) macros.Options {
	return withMacroEvaluator(macros.Options{
		MaxDepth:  e.cfg.Limits.MacroDepth,
		MaxSize:   e.cfg.Limits.MacroSize,
		MaxCalls:  e.cfg.Limits.MacroCalls,
		AppMacros: e.cfg.AppMacros,
	}, ev)
}
