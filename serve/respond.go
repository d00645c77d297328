package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// searchRequest is the body of the search, expand, parse and explain
// endpoints.
type searchRequest struct {
	Search string `json:"search"`
	// Detection is a detection id whose risk message is rendered for each
	// row (search only).
	Detection string `json:"detection,omitempty"`
}

// decode reads a JSON body of at most the request limit into v; a failure
// has been answered when it returns false.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, s.limits.MaxRequestBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, apiError{
				Message: fmt.Sprintf("request body larger than the limit of %d bytes (--max-request-bytes)", mbe.Limit),
				Code:    "request_too_large"})
			return false
		}
		writeError(w, http.StatusBadRequest, apiError{Message: "bad request body: " + err.Error(), Code: "bad_request"})
		return false
	}
	return true
}

// decodeSearch reads a searchRequest with a non-empty search.
func (s *Server) decodeSearch(w http.ResponseWriter, r *http.Request) (searchRequest, bool) {
	var req searchRequest
	if !s.decode(w, r, &req) {
		return req, false
	}
	if strings.TrimSpace(req.Search) == "" {
		writeError(w, http.StatusBadRequest, apiError{Message: "empty search", Code: "bad_request"})
		return req, false
	}
	return req, true
}

// writeJSON answers v as JSON with status code.
func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write(append(b, '\n'))
}

// marshal encodes v without escaping <, > and & (searches are full of
// them; JSON does not require it).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// withTimeout is the request's context bounded by the search time limit.
func (s *Server) withTimeout(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.limits.Timeout)
}

// ctxError answers a search stopped by its context: the time limit (503)
// or the client gone (nothing to answer, 499 for the log).
func (s *Server) ctxError(w http.ResponseWriter, r *http.Request, ctx context.Context) {
	if r.Context().Err() != nil {
		w.WriteHeader(499) // client closed the request
		return
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		writeError(w, http.StatusServiceUnavailable, apiError{
			Message: fmt.Sprintf("the search ran longer than the limit of %s (--max-search-time)", s.limits.Timeout),
			Code:    "timeout"})
		return
	}
	writeError(w, http.StatusServiceUnavailable, apiError{Message: ctx.Err().Error(), Code: "cancelled"})
}
