package serve

import (
	"net/http"
)

func (s *Server) handleExplain(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeSearch(w, r)
	if !ok {
		return
	}
	srch, err := s.cfg.Env.Compile(req.Search)
	if err != nil {
		writeError(w, statusOf(err), searchError(err))
		return
	}
	ctx, cancel := s.withTimeout(r)
	defer cancel()
	ex, err := srch.Explain(ctx, s.cfg.Data)
	if err != nil {
		if ctx.Err() != nil {
			s.ctxError(w, r, ctx)
			return
		}
		writeError(w, statusOf(err), searchError(err))
		return
	}
	writeJSON(w, http.StatusOK, ex)
}
