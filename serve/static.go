package serve

import (
	"embed"
	"io/fs"
	"net/http"
)

// assets are the page: index.html, app.js, app.css.
//
//go:embed static
var assets embed.FS

// staticHandler serves the embedded page; "/" is index.html.
func staticHandler() http.Handler {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		// The embedded tree always has static/; keep serving the API.
		return http.NotFoundHandler()
	}
	fsrv := http.FileServer(http.FS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'")
		w.Header().Set("Cache-Control", "no-cache")
		fsrv.ServeHTTP(w, r)
	})
}
