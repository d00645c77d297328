package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/spelunk-dev/spelunk/detections"
	"github.com/spelunk-dev/spelunk/query"
	"github.com/spelunk-dev/spelunk/serve"
)

// serveCmd is `spelunk serve`: load the logs once, then serve the search
// app (package serve) on loopback.
type serveCmd struct {
	Content         string        `help:"security_content directory: its macros and lookups, and the detections view." type:"existingdir" placeholder:"DIR"`
	Macros          []string      `help:"Macro file or directory overriding the content's macros (repeatable, later wins)." placeholder:"PATH"`
	AttackData      string        `help:"Local mirror of splunk/attack_data: the detections view runs their unit tests." type:"existingdir" placeholder:"DIR" name:"attack-data"`
	Addr            string        `help:"Address to listen on." default:"127.0.0.1:8089" placeholder:"HOST:PORT"`
	AllowRemote     bool          `help:"Allow --addr to be reachable from other machines (the app has no authentication)." name:"allow-remote"`
	MaxRequestBytes int64         `help:"Largest request body accepted." default:"1048576" name:"max-request-bytes" placeholder:"N"`
	MaxRows         int           `help:"Most result rows a search returns to the page (more are cut, and the page says so)." default:"10000" name:"max-rows" placeholder:"N"`
	MaxSearchTime   time.Duration `help:"Longest a search (or a detection's tests) may run." default:"2m" name:"max-search-time" placeholder:"DURATION"`
	Now             string        `help:"The searches' clock for now() and relative times: RFC 3339 time or epoch seconds (default: the latest event + 1s)." placeholder:"TIME"`
	Tz              string        `help:"Time zone for formatted times (default UTC), e.g. America/New_York." placeholder:"ZONE"`
	dataFlags
	memoryFlag
	Lookups []string `help:"Directory of lookup CSV files (NAME.csv) searched before --content's lookups/ (repeatable)." placeholder:"DIR"`
	GeoIP   string   `help:"MaxMind City database (.mmdb) for iplocation." name:"geoip" aliases:"geo-ip" placeholder:"FILE"`
}

// Run implements the subcommand.
func (c *serveCmd) Run(e *env) error {
	remote, err := serve.CheckAddr(c.Addr, c.AllowRemote)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	if len(c.Data) == 0 {
		return usageErr("serve needs the logs to search: --data PATH")
	}
	cfg := contentConfig(c.Content, c.Macros)
	ev := evalFlags{Now: c.Now, Tz: c.Tz, memoryFlag: c.memoryFlag}
	if err := ev.apply(&cfg); err != nil {
		return err
	}
	lf := lookupFlags{Lookups: c.Lookups, GeoIP: c.GeoIP}
	if err := lf.apply(&cfg); err != nil {
		return err
	}
	if cfg.Ingest, err = c.ingestOptions(e); err != nil {
		return err
	}
	base, err := newEnv(cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Every event is kept: the page runs any search, and explain counts
	// what each term of a filter keeps.
	data, _, err := c.load(ctx, e, base, nil, true)
	if err != nil {
		return err
	}
	clock := cfg.Now
	if clock.IsZero() {
		clock = time.Now().UTC()
		if latest, ok := data.Latest(); ok {
			clock = query.ClockAfter(latest)
		}
		fmt.Fprintf(e.stderr, "clock: %s (latest event + 1s; set it with --now)\n", clock.Format(time.RFC3339Nano))
	}
	scfg := serve.Config{Env: base.WithNow(clock), Data: data, AttackData: c.AttackData,
		Limits: serve.Limits{MaxRequestBytes: c.MaxRequestBytes, MaxRows: c.MaxRows, Timeout: c.MaxSearchTime}}
	if c.Content != "" {
		// The tests take each test's clock from its own data: the base Env.
		if scfg.Content, err = detections.Open(base); err != nil {
			return usageErr("%s", safeErr(err))
		}
	} else if c.AttackData != "" {
		return usageErr("--attack-data needs --content")
	}
	srv, err := serve.New(scfg)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return usageErr("%s", safeErr(err))
	}
	if remote {
		fmt.Fprintf(e.stderr, "spelunk: WARNING: serving on %s without authentication (--allow-remote): anyone who reaches it can run searches over the loaded data\n", ln.Addr())
	}
	fmt.Fprintf(e.stderr, "serving on http://%s/ (Ctrl-C stops)\n", ln.Addr())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(shut)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return usageErr("%s", safeErr(err))
	}
	return nil
}
