package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive the real page in headless Chromium (Debian
// package chromium; CHROME_PATH names another binary). They are skipped,
// with the reason, when no browser can be started. Screenshots of each
// state go to $SPELUNK_SCREENSHOTS (default: the test's temporary
// directory); SPELUNK_DOCS_SCREENSHOT=PATH also writes the README's
// screenshot there.

// browser is one headless tab on a test server.
type browser struct {
	t   *testing.T
	ctx context.Context
	url string
	out string // screenshot directory
}

// newBrowser starts Chromium on srv's page, or skips the test.
func newBrowser(t *testing.T, s *Server) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.DisableGPU, chromedp.NoSandbox, chromedp.WindowSize(1280, 760),
		chromedp.UserDataDir(t.TempDir()))
	if p := os.Getenv("CHROME_PATH"); p != "" {
		opts = append(opts, chromedp.ExecPath(p))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`1+1`)); err != nil {
		t.Skipf("headless Chromium cannot be started (install the Debian package chromium, or set CHROME_PATH): %v", err)
	}
	out := os.Getenv("SPELUNK_SCREENSHOTS")
	if out == "" {
		out = t.TempDir()
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return &browser{t: t, ctx: ctx, url: srv.URL, out: out}
}

// do runs actions, failing the test on an error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
		b.t.Fatalf("%s: %v", what, err)
	}
}

// wait polls until the JavaScript predicate holds.
func (b *browser) wait(what, predicate string) {
	b.t.Helper()
	b.do("wait for "+what, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(20*time.Second)))
}

// jsValue evaluates a JavaScript expression into v.
func jsValue[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// shot writes a screenshot of the viewport to name.png and returns its path.
func (b *browser) shot(name string) string {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return ""
	}
	path := filepath.Join(b.out, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
	return path
}

// setSearch replaces the search box's text as typing would.
func (b *browser) setSearch(text string) {
	b.t.Helper()
	js, _ := json.Marshal(text)
	b.do("set the search", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		`(() => { const q = document.querySelector('#q'); q.value = %s; q.dispatchEvent(new Event('input')); })()`, js)))
}

// search runs the search in the box and waits for its answer.
func (b *browser) search() {
	b.t.Helper()
	b.do("run", chromedp.Evaluate[chromedp.Void](`document.querySelector('#status').textContent = ''`),
		chromedp.Click(chromedp.CSS("#run")))
	b.wait("the search to finish", `!document.querySelector('#run').disabled && document.querySelector('#status').textContent !== 'searching…'`)
}

func rowsShown(b *browser) int {
	return jsValue[int](b, `document.querySelectorAll('#results tbody tr').length`)
}

// TestBrowserWMISearch types the Remote WMI detection's search, gets its
// rows and timeline, narrows it by clicking a field value, explains a
// negative case and shows an invalid search's error at its position.
func TestBrowserWMISearch(t *testing.T) {
	b := newBrowser(t, newTestServer(t, Limits{}))
	search := wmiSearch(t)

	b.do("open the page", chromedp.Navigate(b.url+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	b.do("type the search", chromedp.SendKeys(chromedp.CSS("#q"), search))
	if got := jsValue[string](b, `document.querySelector('#q').value`); got != search {
		t.Fatalf("the search box holds %q", got)
	}
	// The page checks the search as it is typed: macro calls are
	// underlined with their definitions.
	b.wait("macro calls", `document.querySelectorAll('#hl .tok-macro[data-macro="process_wmic"]').length === 1`)
	b.search()

	t.Run("rows", func(t *testing.T) {
		if n := rowsShown(b); n != 2 {
			t.Fatalf("%d rows shown, want the 2 remote WMI commands", n)
		}
		dests := jsValue[[]string](b, `[...document.querySelectorAll('#results tbody tr')].map(tr => tr.children[0].textContent).sort()`)
		if strings.Join(dests, ",") != "lab-srv-02.corp.example,lab-ws-01.corp.example" {
			t.Errorf("dest column = %v", dests)
		}
		if st := jsValue[string](b, `document.querySelector('#status').textContent`); !strings.HasPrefix(st, "2 results") {
			t.Errorf("status %q", st)
		}
		if u := jsValue[string](b, `new URLSearchParams(location.search).get('q')`); u != search {
			t.Errorf("the page's URL holds %q, not the search", u)
		}
	})
	t.Run("timeline", func(t *testing.T) {
		counts := jsValue[[]string](b, `[...document.querySelectorAll('#timeline rect.bar')].map(r => r.getAttribute('data-count'))`)
		total := 0
		for _, c := range counts {
			var n int
			fmt.Sscan(c, &n)
			total += n
		}
		if len(counts) != 2 || total != 2 {
			t.Errorf("timeline bars %v, want two bars of one event each", counts)
		}
		if label := jsValue[string](b, `document.querySelector('#timeline-label').textContent`); !strings.Contains(label, "firstTime") {
			t.Errorf("timeline label %q", label)
		}
	})
	b.shot("1-wmi-results")
	if p := os.Getenv("SPELUNK_DOCS_SCREENSHOT"); p != "" {
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(p, png, 0o644)
		}
		if err != nil {
			t.Errorf("docs screenshot: %v", err)
		}
	}

	t.Run("field value narrows the search", func(t *testing.T) {
		b.do("click a dest value", chromedp.Click(chromedp.CSS(`#fields .value[data-field="dest"][data-value="lab-ws-01.corp.example"]`)))
		b.wait("one row", `document.querySelectorAll('#results tbody tr').length === 1 && !document.querySelector('#run').disabled`)
		q := jsValue[string](b, `document.querySelector('#q').value`)
		if !strings.HasSuffix(q, `| search dest="lab-ws-01.corp.example"`) {
			t.Errorf("search after the click: %q", q)
		}
		b.shot("2-narrowed")
	})

	t.Run("timeline drag zooms", func(t *testing.T) {
		b.setSearch(search)
		b.search()
		box := jsValue[[]float64](b, `(() => { const r = document.querySelector('#timeline').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
		y := box[1] + box[3]/2
		x0, x1 := box[0]+box[2]*0.5, box[0]+box[2]*0.999
		b.do("drag over the later half", chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft))
		b.wait("the zoomed search", `document.querySelector('#q').value.includes('earliest=') && !document.querySelector('#run').disabled && document.querySelector('#status').textContent.includes('result')`)
		q := jsValue[string](b, `document.querySelector('#q').value`)
		if !strings.Contains(q, "where earliest=") || !strings.Contains(q, " latest=") {
			t.Errorf("zoomed search %q lacks earliest/latest in the where clause", q)
		}
		if n := rowsShown(b); n != 1 {
			t.Errorf("%d rows after zooming to the later event, want 1", n)
		}
		b.shot("3-zoomed")
	})

	t.Run("explain names the emptying condition", func(t *testing.T) {
		b.setSearch(strings.Replace(search, "*node*", "*no-such-switch*", 1))
		b.search()
		if n := rowsShown(b); n != 0 {
			t.Fatalf("%d rows for the negative case", n)
		}
		b.do("open the inspector", chromedp.Click(chromedp.CSS("#tab-inspector")))
		b.wait("the explanation", `document.querySelector('#explain-verdict') !== null`)
		verdict := jsValue[string](b, `document.querySelector('#explain-verdict').textContent`)
		if !strings.Contains(verdict, "Processes.process=*no-such-switch*") {
			t.Errorf("explain verdict %q does not name the condition", verdict)
		}
		emptied := jsValue[string](b, `document.querySelector('#explain .term.emptied span').textContent`)
		if !strings.Contains(emptied, "Processes.process=*no-such-switch*") {
			t.Errorf("the highlighted term is %q", emptied)
		}
		if n := jsValue[int](b, `document.querySelectorAll('#profile tbody tr').length`); n != 5 {
			t.Errorf("profile shows %d commands, want 5", n)
		}
		b.shot("4-explain")
		b.do("back to results", chromedp.Click(chromedp.CSS("#tab-results")))
	})

	t.Run("invalid search shows the error at its position", func(t *testing.T) {
		bad := "| tstats count from datamodel=Endpoint.Processes where by Processes.dest"
		b.setSearch(bad)
		b.search()
		b.wait("the error", `!document.querySelector('#error').hidden && document.querySelector('#error-mark') !== null`)
		msg := jsValue[string](b, `document.querySelector('#error-message').textContent`)
		want := "<query>:1:56: tstats: unexpected \"by\": expected a search expression"
		if msg != want {
			t.Errorf("error message %q, want the CLI's %q", msg, want)
		}
		// The mark is on the 56th character: "b" of "by".
		before := jsValue[string](b, `(() => { const m = document.querySelector('#error-mark'); const r = document.createRange(); r.setStart(document.querySelector('#hl'), 0); r.setEndBefore(m); return r.toString(); })()`)
		if mark := jsValue[string](b, `document.querySelector('#error-mark').textContent`); mark != "b" || len([]rune(before)) != 55 {
			t.Errorf("error mark %q after %d characters, want \"b\" after 55", mark, len([]rune(before)))
		}
		b.shot("5-error")
	})

	t.Run("detections view", func(t *testing.T) {
		b.do("open detections", chromedp.Click(chromedp.CSS("#tab-detections")))
		b.wait("the list", `document.querySelectorAll('#detections tbody tr').length === 3`)
		b.do("filter", chromedp.SendKeys(chromedp.CSS("#det-filter"), "remote wmi"))
		b.wait("one detection", `document.querySelectorAll('#detections tbody tr').length === 1`)
		b.do("test it", chromedp.Click(chromedp.CSS("#detections .test-detection")))
		b.wait("the verdict", `document.querySelector('#detections .verdict .badge') !== null`)
		if v := jsValue[string](b, `document.querySelector('#detections .verdict .badge').textContent`); v != "PASS" {
			t.Errorf("unit test verdict %q", v)
		}
		b.shot("6-detections")
		b.do("run it", chromedp.Click(chromedp.CSS("#detections .run-detection")))
		b.wait("its rows", `document.querySelectorAll('#results tbody tr').length === 2 && !document.querySelector('#run').disabled`)
		msgs := jsValue[[]string](b, `[...document.querySelectorAll('#results td.risk')].map(td => td.textContent)`)
		if len(msgs) != 2 || !strings.Contains(msgs[0], "in host lab-") {
			t.Errorf("risk messages %q", msgs)
		}
		b.shot("7-detection-run")
	})
}

// TestBrowserAttackDataTiming measures (and only reports) loading the
// page and running the Remote WMI search in the browser over the shared
// attack_data sample.
func TestBrowserAttackDataTiming(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "attack_data")
	if !exists(dir) {
		t.Skipf("%s is absent", dir)
	}
	start := time.Now()
	s := newServerOver(t, []string{dir}, Limits{})
	loadTook := time.Since(start)
	b := newBrowser(t, s)
	search := wmiSearch(t)
	start = time.Now()
	b.do("open the page", chromedp.Navigate(b.url+"/"), chromedp.WaitVisible(chromedp.CSS("#q")))
	pageTook := time.Since(start)
	start = time.Now()
	b.setSearch(search)
	b.search()
	searchTook := time.Since(start)
	rows := rowsShown(b)
	b.shot("attack-data-wmi")
	t.Logf("attack_data: server load %s; page load %s; WMI search in the browser %s (%d rows shown)",
		loadTook.Round(time.Millisecond), pageTook.Round(time.Millisecond), searchTook.Round(time.Millisecond), rows)
}

// TestBrowserTable checks the results table over raw events: _time shown
// as a time, multivalue cells, _raw expanding, sorting, the column chooser
// and the CSV export; then a long search cancelled from the page.
func TestBrowserTable(t *testing.T) {
	s := newTestServer(t, Limits{})
	ended := make(chan error, 4)
	s.searchDone = func(err error) { ended <- err }
	b := newBrowser(t, s)
	search := `EventCode=1 | head 4 | eval mv=split("a,b",",") | table _time host EventCode Image mv _raw`
	b.do("open the shared URL", chromedp.Navigate(b.url+"/?q="+url.QueryEscape(search)))
	b.wait("the rows", `document.querySelectorAll('#results tbody tr').length === 4`)
	<-ended
	if got := jsValue[string](b, `document.querySelector('#q').value`); got != search {
		t.Errorf("the search box holds %q, not the URL's search", got)
	}
	if ts := jsValue[string](b, `document.querySelector('#results tbody td.time').textContent`); !strings.HasPrefix(ts, "2024-05-14T") {
		t.Errorf("_time cell %q", ts)
	}
	if mv := jsValue[[]string](b, `[...document.querySelector('#results tbody td.mv').children].map(d => d.textContent)`); strings.Join(mv, ",") != "a,b" {
		t.Errorf("multivalue cell %v", mv)
	}
	b.do("expand _raw", chromedp.Click(chromedp.CSS(`#results tbody td.raw`)))
	if !jsValue[bool](b, `document.querySelector('#results tbody td.raw').classList.contains('open')`) {
		t.Error("_raw did not expand")
	}
	if n := jsValue[int](b, `document.querySelectorAll('#timeline rect.bar').length`); n == 0 {
		t.Error("no timeline of _time")
	}
	b.do("sort by host", chromedp.Click(chromedp.CSS(`#results th[data-field="host"]`)))
	hosts := jsValue[[]string](b, `[...document.querySelectorAll('#results tbody tr')].map(tr => tr.children[1].textContent)`)
	for i := 1; i < len(hosts); i++ {
		if hosts[i-1] > hosts[i] {
			t.Errorf("hosts not sorted: %v", hosts)
		}
	}
	b.do("hide _raw", chromedp.Click(chromedp.CSS("#columns")),
		chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll('#columns-menu label')].find(l => l.textContent.trim() === '_raw').querySelector('input').click()`))
	if cols := jsValue[[]string](b, `[...document.querySelectorAll('#results th')].map(th => th.textContent)`); strings.Join(cols, ",") != "_time,host,EventCode,Image,mv" {
		t.Errorf("columns after hiding _raw: %v", cols)
	}
	b.shot("8-table")
	csv := jsValue[string](b, `(() => { let out = ''; window.download = (name, type, text) => { out = text; }; document.querySelector('#export-csv').click(); return out; })()`)
	if !strings.HasPrefix(csv, "_time,host,EventCode,Image,mv,_raw\r\n") || !strings.Contains(csv, "\"a\nb\"") {
		t.Errorf("CSV export starts %q", csv[:min(len(csv), 200)])
	}

	b.setSearch(`| makeresults count=3000000 | eval x=md5(tostring(random())) | eval y=md5(x) | stats dc(y)`)
	b.do("run a long search", chromedp.Click(chromedp.CSS("#run")))
	time.Sleep(300 * time.Millisecond)
	b.do("cancel it", chromedp.Click(chromedp.CSS("#cancel")))
	b.wait("the cancellation", `document.querySelector('#status').textContent === 'search cancelled'`)
	select {
	case err := <-ended:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the server's search ended with %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("the server's search did not stop when the page cancelled it")
	}
}
